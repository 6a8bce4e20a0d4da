-- platform: staff accounts and their grants, API keys for machines, the audit log

create table staff_account (
    id              bigint generated always as identity primary key,
    username        text        not null,
    display_name    text        not null,
    password_hash   text        not null,
    enabled         boolean     not null default true,
    failed_logins   integer     not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint staff_account_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$')
);
create unique index staff_account_username_key on staff_account (username);

-- A role granted on a subtree of the network (unit_code null: the whole network),
-- optionally narrowed to the units one operator runs (an outsourcing company's staff).
create table staff_grant (
    id            bigint generated always as identity primary key,
    staff_id      bigint not null references staff_account (id) on delete cascade,
    role          text   not null,
    unit_code     text,
    operator_code text,
    constraint staff_grant_role check (role in ('ADMINISTRATOR', 'NETWORK_MANAGER', 'LIBRARY_MANAGER',
        'CIRCULATION_STAFF', 'CATALOGUER', 'OPERATOR_STAFF', 'AUDITOR')),
    constraint staff_grant_operator_role check ((role = 'OPERATOR_STAFF') = (operator_code is not null))
);
create unique index staff_grant_once on staff_grant (staff_id, role, coalesce(unit_code, ''), coalesce(operator_code, ''));

-- Bearer keys for machines: the secret is shown once; only its SHA-256 is kept.
create table api_key (
    id           bigint generated always as identity primary key,
    key_id       text        not null unique,
    secret_hash  bytea       not null,
    name         text        not null,
    kind         text        not null check (kind in ('DEVICE', 'PARTNER', 'INTEGRATION')),
    unit_code    text,
    permissions  text[]      not null,
    created_by   text        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Append-only record of every change and of access to personal data.
create table audit_event (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz not null default now(),
    actor          text        not null,
    actor_type     text        not null check (actor_type in ('STAFF', 'API_KEY', 'SYSTEM', 'ANONYMOUS')),
    remote_address text,
    action         text        not null,
    target_type    text        not null,
    target_id      text,
    unit_code      text,
    details        jsonb       not null default '{}'::jsonb
);
create index audit_event_time on audit_event (occurred_at desc, id desc);
create index audit_event_target on audit_event (target_type, target_id, occurred_at desc);
create index audit_event_actor on audit_event (actor, occurred_at desc);
create index audit_event_unit on audit_event (unit_code, occurred_at desc);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end;
$$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
