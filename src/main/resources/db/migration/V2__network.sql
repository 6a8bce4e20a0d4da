-- network: the organisation tree of the library network

create extension if not exists btree_gist;

create table operator (
    code    text primary key,
    kind    text not null check (kind in ('LIBRARY', 'OUTSOURCING_COMPANY', 'SOCIAL_PARTNER')),
    name_zh text not null,
    name_en text,
    constraint operator_code_format check (code ~ '^[A-Z0-9][A-Z0-9-]{0,31}$')
);

create table org_unit (
    id              bigint generated always as identity primary key,
    code            text        not null,
    parent_id       bigint references org_unit (id),
    type            text        not null,
    name_zh         text        not null,
    name_en         text,
    operator_code   text        not null references operator (code),
    address         text,
    latitude        numeric(8, 5),
    longitude       numeric(8, 5),
    lends           boolean     not null,
    accepts_returns boolean     not null,
    pickup_point    boolean     not null,
    staffed         boolean     not null,
    active          boolean     not null default true,
    version         integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint org_unit_code_format check (code ~ '^[A-Z0-9][A-Z0-9-]{0,31}$'),
    constraint org_unit_type check (type in ('CENTRAL_LIBRARY', 'MAIN_LIBRARY', 'BRANCH', 'READING_POINT',
        'SERVICE_POINT', 'TWENTY_FOUR_HOUR_LIBRARY', 'BOOK_NEST', 'PARTNER_VENUE')),
    constraint org_unit_latitude check (latitude between -90 and 90),
    constraint org_unit_longitude check (longitude between -180 and 180),
    constraint org_unit_coordinates_together check ((latitude is null) = (longitude is null)),
    constraint org_unit_not_own_parent check (parent_id <> id),
    constraint org_unit_root_is_central check ((parent_id is null) = (type = 'CENTRAL_LIBRARY'))
);
create unique index org_unit_code_key on org_unit (code);
-- one network, one root
create unique index org_unit_single_root on org_unit ((parent_id is null)) where parent_id is null;
create index org_unit_parent on org_unit (parent_id);

-- Opening hours: ranges of minutes of the day, [opens, closes), per ISO weekday (1 = Monday).
create table org_unit_hours (
    unit_id       bigint   not null references org_unit (id) on delete cascade,
    weekday       smallint not null check (weekday between 1 and 7),
    opens_minute  smallint not null check (opens_minute between 0 and 1439),
    closes_minute smallint not null check (closes_minute between 1 and 1440),
    constraint org_unit_hours_order check (opens_minute < closes_minute),
    constraint org_unit_hours_no_overlap exclude using gist (
        unit_id with =, weekday with =, int4range(opens_minute, closes_minute) with &&)
);

-- Days on which a unit is closed although its weekly hours say open (holidays, works).
create table org_unit_closed_days (
    unit_id   bigint not null references org_unit (id) on delete cascade,
    first_day date   not null,
    last_day  date   not null,
    reason    text,
    constraint org_unit_closed_days_order check (first_day <= last_day),
    constraint org_unit_closed_days_no_overlap exclude using gist (
        unit_id with =, daterange(first_day, last_day, '[]') with &&)
);
