-- SIP2 machine accounts: a self-check kiosk, a 24-hour library or a book drop logs in with its own
-- account (message 93), at a unit (its institution id), in the character set it speaks.
create table sip2_account (
    login           text        primary key check (length(login) between 1 and 64),
    password_hash   text        not null,
    unit_code       text        not null references org_unit (code),
    -- the bytes on the wire: UTF-8 by default, GB18030 (a superset of GBK) for Chinese kiosks that send it
    encoding        text        not null default 'UTF-8' check (encoding in ('UTF-8', 'GB18030')),
    -- a book drop may check in but not check out
    may_check_out   boolean     not null default true,
    language        text        not null default 'zh-CN' check (language in ('zh-CN', 'en')),
    enabled         boolean     not null default true,
    created_at      timestamptz not null default now(),
    created_by      text        not null,
    last_login_at   timestamptz
);
