-- The network's self-service devices: each at a unit, of a kind that says what it may do, speaking SIP2
-- (with its machine account) or the device API (with its API key), or both.
create table device (
    id             bigint generated always as identity primary key,
    code           text        not null unique check (code ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
    -- SSL 24-hour library, SCH self-check kiosk, REG card-issuing machine, BDR book drop, STA staff
    -- station, POR security gate, COUNTER people counter
    kind           text        not null check (kind in ('SSL', 'SCH', 'REG', 'BDR', 'STA', 'POR', 'COUNTER')),
    name           text        not null check (length(btrim(name)) between 1 and 100),
    unit_code      text        not null references org_unit (code),
    sip2_login     text        unique references sip2_account (login),
    api_key_id     text        unique references api_key (key_id),
    enabled        boolean     not null default true,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    -- the last sign of life: a heartbeat, any SIP2 message, any device API call
    last_seen_at   timestamptz,
    last_status    text        check (length(last_status) <= 500),
    -- set when the device fell silent for longer than the network allows; cleared when it speaks again
    offline_since  timestamptz
);
create index device_unit on device (unit_code);

-- Raised when a device falls silent (and closed when it speaks again): the monitoring centre's list.
create table device_alert (
    id          bigint generated always as identity primary key,
    device_id   bigint      not null references device (id),
    kind        text        not null check (kind in ('OFFLINE')),
    raised_at   timestamptz not null default now(),
    message     text        not null,
    cleared_at  timestamptz
);
-- one open alert of a kind per device, even when two nodes' monitors run at once
create unique index device_alert_open on device_alert (device_id, kind) where cleared_at is null;

-- People counted by gates and counters, per device and interval; a resent interval replaces its counts.
create table people_count (
    device_id       bigint      not null references device (id),
    unit_code       text        not null references org_unit (code),
    interval_start  timestamptz not null,
    interval_end    timestamptz not null,
    entered         integer     not null check (entered >= 0),
    exited          integer     not null check (exited >= 0),
    received_at     timestamptz not null default now(),
    primary key (device_id, interval_start),
    check (interval_end > interval_start and interval_end - interval_start <= interval '1 day')
);
create index people_count_unit_time on people_count (unit_code, interval_start);

-- Every card shown at a 24-hour library's door, let in or not, and why.
create table door_entry (
    id           bigint generated always as identity primary key,
    device_id    bigint      not null references device (id),
    unit_code    text        not null references org_unit (code),
    card_number  text        not null,
    reader_id    bigint      references reader (id),
    allowed      boolean     not null,
    reason       text,
    at           timestamptz not null default now()
);
create index door_entry_unit_time on door_entry (unit_code, at);
create index door_entry_reader on door_entry (reader_id, at) where reader_id is not null;
