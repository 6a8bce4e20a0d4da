-- Holds (预约): a reader asks for a title (or one copy) to be brought to a pickup point of their choice.

create table hold (
    id              bigint generated always as identity primary key,
    reader_id       bigint      not null references reader (id),
    record_id       bigint      not null references bib_record (id),
    -- an item-level hold asks for this copy only; a title-level hold takes any copy
    item_id         bigint      references item (id),
    pickup_unit     text        not null references org_unit (code),
    status          text        not null check (status in
                        ('WAITING', 'IN_TRANSIT', 'READY', 'FULFILLED', 'CANCELLED', 'EXPIRED')),
    -- the copy chosen to fill it: to pull from a shelf (WAITING), on its way (IN_TRANSIT), on the pickup shelf (READY)
    target_item_id  bigint      references item (id),
    target_unit     text        references org_unit (code),
    priority        integer     not null default 0,
    placed_at       timestamptz not null default now(),
    suspended_until date,
    ready_at        timestamptz,
    expires_on      date,
    closed_at       timestamptz,
    placed_by       text        not null
);
-- an item fills at most one hold at a time, and a hold holds at most one item (one target column)
create unique index hold_target_item on hold (target_item_id)
    where target_item_id is not null and status in ('WAITING', 'IN_TRANSIT', 'READY');
-- one live hold per reader and title
create unique index hold_reader_title on hold (reader_id, record_id) where status in ('WAITING', 'IN_TRANSIT', 'READY');
-- the queue of a title: first come first served after priority
create index hold_queue on hold (record_id, priority desc, placed_at, id) where status = 'WAITING';
create index hold_pull on hold (target_unit) where status = 'WAITING' and target_item_id is not null;
create index hold_shelf on hold (pickup_unit) where status = 'READY';
create index hold_reader on hold (reader_id, status);
