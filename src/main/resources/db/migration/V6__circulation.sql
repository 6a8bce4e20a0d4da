-- Circulation: the policy matrix, loans and fees.

-- An item whose collection floats stays where it is returned instead of travelling home.
alter table item add column floating boolean not null default false;

-- The policy matrix: card type × item type × the lending unit's subtree. A null card type, item type
-- or unit means "any"; the most specific rule that matches wins (see circulation.PolicyMatrix).
create table loan_rule (
    id                  bigint generated always as identity primary key,
    card_type           text,
    item_type           text,
    unit_code           text        references org_unit (code),
    loan_days           integer     not null check (loan_days between 1 and 365),
    renewals            integer     not null check (renewals between 0 and 10),
    renewal_days        integer     not null check (renewal_days between 1 and 365),
    max_loans           integer     not null check (max_loans between 0 and 500),
    max_loans_of_type   integer     check (max_loans_of_type between 0 and 500),
    max_holds           integer     not null check (max_holds between 0 and 100),
    daily_fee_cents     integer     not null check (daily_fee_cents >= 0),
    fee_cap_cents       integer     not null check (fee_cap_cents >= 0),
    grace_days          integer     not null default 0 check (grace_days >= 0),
    suspension_days     integer     not null default 0 check (suspension_days >= 0),
    note                text,
    updated_at          timestamptz not null default now(),
    updated_by          text        not null default 'system'
);
-- two rules of equal weight for the same cell would leave the choice to chance
create unique index loan_rule_cell on loan_rule (coalesce(card_type, '*'), coalesce(item_type, '*'),
    coalesce(unit_code, '*'));

-- The network's defaults (DOMAIN.md): 30 days, one renewal of 30 days, 20 items, 0.10 元 a day
-- capped at 10 元 an item; children 10 items; group cards 50 items for 60 days.
insert into loan_rule (card_type, item_type, unit_code, loan_days, renewals, renewal_days, max_loans,
                       max_loans_of_type, max_holds, daily_fee_cents, fee_cap_cents, note)
values (null, null, null, 30, 1, 30, 20, null, 5, 10, 1000, '全网默认'),
       ('CHILD', null, null, 30, 1, 30, 10, null, 3, 10, 1000, '少儿证'),
       ('GROUP', null, null, 60, 1, 30, 50, null, 10, 10, 1000, '集体证'),
       (null, 'AUDIOVISUAL', null, 14, 1, 14, 20, 5, 5, 10, 1000, '音像资料'),
       (null, 'PERIODICAL', null, 14, 0, 14, 20, 5, 5, 10, 1000, '期刊');

create table loan (
    id              bigint generated always as identity primary key,
    item_id         bigint      not null references item (id),
    reader_id       bigint      not null references reader (id),
    card_number     text        not null,
    lending_unit    text        not null references org_unit (code),
    rule_id         bigint      references loan_rule (id),
    checked_out_at  timestamptz not null,
    due_on          date        not null,
    renewals        integer     not null default 0,
    returned_at     timestamptz,
    return_unit     text        references org_unit (code),
    -- the request that made the loan: a repeated request finds it instead of lending twice
    request_id      text        unique
);
-- an item has at most one open loan, whatever the nodes and kiosks do at once
create unique index loan_open_item on loan (item_id) where returned_at is null;
create index loan_open_reader on loan (reader_id) where returned_at is null;
create index loan_reader on loan (reader_id, checked_out_at);

create table fee (
    id              bigint generated always as identity primary key,
    reader_id       bigint      not null references reader (id),
    loan_id         bigint      references loan (id),
    kind            text        not null check (kind in ('OVERDUE', 'LOST', 'DAMAGED')),
    amount_cents    integer     not null check (amount_cents > 0),
    paid_cents      integer     not null default 0 check (paid_cents >= 0),
    waived_cents    integer     not null default 0 check (waived_cents >= 0),
    created_at      timestamptz not null default now(),
    check (paid_cents + waived_cents <= amount_cents)
);
create index fee_reader_open on fee (reader_id) where paid_cents + waived_cents < amount_cents;

-- Every payment and waiver of a fee: how much, how (cash, WeChat Pay, Alipay, card…), its reference,
-- and for a waiver the staff member's reason. Payments and waivers are never edited, only added.
create table fee_transaction (
    id          bigint generated always as identity primary key,
    fee_id      bigint      not null references fee (id),
    kind        text        not null check (kind in ('PAYMENT', 'WAIVER')),
    cents       integer     not null check (cents > 0),
    method      text,
    reference   text,
    reason      text,
    at          timestamptz not null default now(),
    by_actor    text        not null,
    check (kind <> 'WAIVER' or length(btrim(coalesce(reason, ''))) > 0)
);
create index fee_transaction_fee on fee_transaction (fee_id);
