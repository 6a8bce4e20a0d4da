-- Readers (patrons module): one record per person or institution, any number of cards over time
-- (a lost card is replaced by a new number; loans and history stay with the reader).

create table reader (
    id                  bigint generated always as identity primary key,
    name                text        not null check (length(btrim(name)) > 0),
    -- the identity card number, AES-GCM encrypted; its HMAC finds a reader and keeps numbers unique
    identity_encrypted  bytea,
    identity_hash       text unique,
    identity_masked     text,
    date_of_birth       date,
    phone               text,
    address             text,
    home_unit           text        not null references org_unit (code),
    card_type           text        not null check (card_type in
                            ('ADULT', 'CHILD', 'ELDERLY', 'DISABLED', 'GROUP', 'READING_ONLY')),
    guardian_id         bigint      references reader (id),
    pin_hash            text,
    expires_on          date        not null,
    -- how the reader may borrow: a deposit paid at a desk, or deposit-free on credit
    borrowing_basis     text        not null default 'NONE' check (borrowing_basis in ('NONE', 'DEPOSIT', 'CREDIT')),
    deposit_cents       integer     not null default 0 check (deposit_cents >= 0),
    registered_at       timestamptz not null default now(),
    registered_by       text        not null,
    version             integer     not null default 0,
    -- a child card is tied to its guardian; nobody else is
    check ((card_type = 'CHILD') = (guardian_id is not null)),
    -- everyone but an institution (group card) is identified by an identity card
    check (card_type = 'GROUP' or identity_hash is not null)
);
create index reader_home_unit on reader (home_unit);
create index reader_guardian on reader (guardian_id) where guardian_id is not null;
create index reader_name on reader (name);

create table reader_card (
    card_number  text        primary key check (card_number ~ '^[A-Z0-9]{6,20}$'),
    reader_id    bigint      not null references reader (id),
    issued_at    timestamptz not null default now(),
    -- set when the card is reported lost and replaced; a replaced card no longer works
    replaced_at  timestamptz,
    replaced_by  text
);
-- a reader has one card that works at a time
create unique index reader_card_current on reader_card (reader_id) where replaced_at is null;

create sequence reader_card_number_seq start 10000001;

-- Blocks: manual ones carry the staff member's reason; automatic ones (fees, overdue items, an
-- expired card) are added and lifted by the rules that set them.
create table reader_block (
    id          bigint generated always as identity primary key,
    reader_id   bigint      not null references reader (id),
    kind        text        not null check (kind in ('MANUAL', 'FEES', 'OVERDUE', 'EXPIRED')),
    reason      text        not null check (length(btrim(reason)) > 0),
    since       timestamptz not null default now(),
    set_by      text        not null,
    lifted_at   timestamptz,
    lifted_by   text
);
create index reader_block_open on reader_block (reader_id) where lifted_at is null;
