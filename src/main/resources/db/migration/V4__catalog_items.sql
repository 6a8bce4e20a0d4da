-- catalog: items (copies) held across the network, and call numbers.

alter table bib_record add column call_number text;

create table item (
    id                bigint generated always as identity primary key,
    barcode           text          not null,
    record_id         bigint        not null references bib_record (id),
    owning_unit       text          not null references org_unit (code),
    current_unit      text          not null references org_unit (code),
    shelving_location text,
    item_type         text          not null,
    price             numeric(10, 2) check (price >= 0),
    acquired_on       date,
    status            text          not null default 'AVAILABLE',
    call_number       text,
    created_at        timestamptz   not null default now(),
    updated_at        timestamptz   not null default now(),
    version           integer       not null default 0,
    constraint item_barcode_format check (barcode ~ '^[A-Za-z0-9-]{4,32}$'),
    constraint item_type_known check (item_type in ('BOOK', 'CHILDRENS_BOOK', 'PERIODICAL', 'AUDIOVISUAL',
        'REFERENCE')),
    constraint item_status_known check (status in ('AVAILABLE', 'ON_LOAN', 'IN_TRANSIT', 'ON_HOLD_SHELF',
        'MISSING', 'LOST', 'WITHDRAWN'))
);
-- one barcode in the whole network, whatever its case
create unique index item_barcode_key on item (upper(barcode));
create index item_record on item (record_id);
create index item_current_unit_status on item (current_unit, status);

-- 种次号: one counter per class number for the whole network; the upsert that draws a number is atomic.
create table call_number_counter (
    class_number text    primary key,
    last_number  integer not null check (last_number > 0)
);

-- Network-wide catalogue settings, e.g. the book-number scheme (SEQUENCE or AUTHOR).
create table catalog_setting (
    name  text primary key,
    value text not null
);
insert into catalog_setting (name, value) values ('book_number_scheme', 'SEQUENCE');

-- The change log the search index follows: each record carries the id of the transaction that last
-- changed it or its items. An indexer reads the records changed since the oldest transaction that
-- was still running at its previous read (pg_snapshot_xmin), so a late commit is never skipped.
alter table bib_record add column change_xid xid8 not null default pg_current_xact_id();
alter table bib_record add column loan_count integer not null default 0;
-- the tailer pages through changes in (change_xid, id) order
create index bib_record_change_xid on bib_record (change_xid, id);

create function bib_record_changed() returns trigger language plpgsql as $$
begin
    new.change_xid := pg_current_xact_id();
    return new;
end;
$$;
create trigger bib_record_changed before update on bib_record
    for each row execute function bib_record_changed();

create function item_changed() returns trigger language plpgsql as $$
begin
    update bib_record set change_xid = pg_current_xact_id() where id = new.record_id;
    if tg_op = 'UPDATE' and old.record_id <> new.record_id then
        update bib_record set change_xid = pg_current_xact_id() where id = old.record_id;
    end if;
    return new;
end;
$$;
create trigger item_changed after insert or update on item
    for each row execute function item_changed();
