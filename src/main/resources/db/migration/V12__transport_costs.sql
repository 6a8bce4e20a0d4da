-- The cost of moving a book between two units, where it differs from the default (the distance between
-- them in the network tree, as if every book went through the distribution centre). Holds choose the
-- copy that is cheapest to bring to the pickup point.
create table transport_cost (
    from_unit   text        not null references org_unit (code),
    to_unit     text        not null references org_unit (code),
    cost        integer     not null check (cost >= 0),
    updated_at  timestamptz not null default now(),
    updated_by  text        not null,
    primary key (from_unit, to_unit),
    check (from_unit <> to_unit)
);
