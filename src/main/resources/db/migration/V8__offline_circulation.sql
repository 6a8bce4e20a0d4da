-- Offline circulation: a kiosk or a village point that lost its connection uploads what it did later.
create table offline_batch (
    id           bigint generated always as identity primary key,
    unit_code    text        not null references org_unit (code),
    device       text,
    uploaded_by  text        not null,
    received_at  timestamptz not null default now(),
    transactions integer     not null,
    applied      integer     not null default 0,
    duplicates   integer     not null default 0,
    conflicts    integer     not null default 0
);

-- Every transaction of every batch is kept with its outcome; the device's own id makes a re-upload
-- harmless. Conflicts wait here until staff settle them.
create table offline_transaction (
    id           text        primary key check (length(id) between 1 and 100),
    batch_id     bigint      not null references offline_batch (id),
    kind         text        not null check (kind in ('CHECKOUT', 'CHECKIN')),
    happened_at  timestamptz not null,
    card_number  text,
    barcode      text        not null,
    outcome      text        not null check (outcome in ('APPLIED', 'CONFLICT')),
    reason       text,
    loan_id      bigint      references loan (id),
    settled_at   timestamptz,
    settled_by   text,
    settlement   text
);
create index offline_transaction_batch on offline_transaction (batch_id);
create index offline_transaction_open_conflicts on offline_transaction (batch_id) where outcome = 'CONFLICT'
    and settled_at is null;
