-- catalog: bibliographic records, kept whole (lossless) with the fields the platform uses,
-- and the imports that brought them in with their reports.

create table bib_record (
    id              bigint generated always as identity primary key,
    flavour         text        not null check (flavour in ('MARC21', 'CNMARC')),
    control_number  text,
    leader          text        not null check (length(leader) = 24),
    -- every field in file order: [{"tag": "200", "ind1": "1", "ind2": " ", "subfields": [["a", "三体"], …]}, …]
    fields          jsonb       not null,
    title           text        not null,
    responsibility  text,
    publisher       text,
    publication_year integer,
    isbns           text[]      not null default '{}',
    clc_number      text,
    language        text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    version         integer     not null default 0
);
-- no pending list: imports insert and look up ISBNs in the same breath, and a long pending list slows every lookup
create index bib_record_isbns on bib_record using gin (isbns) with (fastupdate = off);
create index bib_record_control_number on bib_record (control_number) where control_number is not null;

create table catalog_import (
    id           bigint generated always as identity primary key,
    file_name    text        not null,
    format       text        not null,
    encoding     text,
    duplicate_rule text      not null check (duplicate_rule in ('KEEP', 'REPLACE', 'MERGE')),
    status       text        not null check (status in ('RUNNING', 'FINISHED', 'FAILED')),
    records_read integer     not null default 0,
    created      integer     not null default 0,
    merged       integer     not null default 0,
    rejected     integer     not null default 0,
    started_by   text        not null,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    failure      text
);

-- Each rejected record: its number in the file, its byte offset (line, for XML) and the reason.
create table catalog_import_rejection (
    import_id     bigint  not null references catalog_import (id) on delete cascade,
    record_number bigint  not null,
    byte_offset   bigint  not null,
    reason        text    not null,
    primary key (import_id, record_number)
);
