-- Notices to readers: due soon, overdue, hold ready, hold expired; by email, SMS or WeChat.
alter table reader add column email text check (email is null or email ~ '^[^@\s]+@[^@\s]+$');

-- One row per notice per channel: the unique key is what makes a notice go out once, however many
-- nodes run the job at the same moment (the node whose insert wins sends it).
create table notice (
    id          bigint generated always as identity primary key,
    reader_id   bigint      not null references reader (id),
    kind        text        not null check (kind in ('DUE_SOON', 'OVERDUE', 'HOLD_READY', 'HOLD_EXPIRED')),
    subject_id  bigint      not null,
    channel     text        not null,
    for_day     date        not null,
    status      text        not null check (status in ('SENDING', 'SENT', 'FAILED')),
    attempts    integer     not null default 1,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz,
    error       text,
    unique (kind, subject_id, channel, for_day)
);
create index notice_reader on notice (reader_id, created_at);
create index notice_failed on notice (status) where status = 'FAILED';
