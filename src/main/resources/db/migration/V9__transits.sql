-- Transits (logistics): every move of an item between units, why, and when it was routed, sent and received.
create table transit (
    id            bigint generated always as identity primary key,
    item_id       bigint      not null references item (id),
    from_unit     text        not null references org_unit (code),
    to_unit       text        not null references org_unit (code),
    reason        text        not null check (reason in ('RETURN_TO_OWNER', 'HOLD', 'REBALANCING')),
    hold_id       bigint      references hold (id),
    routed_at     timestamptz not null default now(),
    sent_at       timestamptz,
    received_at   timestamptz,
    received_unit text        references org_unit (code),
    status        text        not null default 'OPEN' check (status in ('OPEN', 'RECEIVED', 'REROUTED', 'CANCELLED'))
);
-- an item makes one move at a time
create unique index transit_open_item on transit (item_id) where status = 'OPEN';
create index transit_open_from on transit (from_unit) where status = 'OPEN';
create index transit_open_to on transit (to_unit) where status = 'OPEN';
