-- A reader's PIN is tried at kiosks (SIP2 AD) and, later, on the reader site: failed tries count in one
-- place, so that the same lockout applies wherever the PIN is guessed.
alter table reader add column pin_failures integer not null default 0 check (pin_failures >= 0);
alter table reader add column pin_locked_until timestamptz;

-- A block a self-service machine placed (SIP2 01 Block Patron: a card retained or reported at a kiosk).
-- Patron enable (SIP2 25) lifts these, and only these; staff lift any block.
alter table reader_block drop constraint reader_block_kind_check;
alter table reader_block add constraint reader_block_kind_check
    check (kind in ('MANUAL', 'FEES', 'OVERDUE', 'EXPIRED', 'SUSPENSION', 'MACHINE'));

-- What a machine reported of an item (SIP2 19 Item Status Update: item properties), shown back in 18.
-- A table of its own, so that a report does not touch the item row (nor re-index its record).
create table item_machine_properties (
    item_id     bigint      primary key references item (id),
    properties  text        not null check (length(properties) <= 255),
    reported_by text        not null,
    reported_at timestamptz not null default now()
);
