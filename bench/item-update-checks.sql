-- What an item's table checks cost at each update, against the same rules as domains (V23). Run on any
-- PostgreSQL: psql -h 127.0.0.1 -U postgres -d postgres -f bench/item-update-checks.sql
-- Two tables of 100,000 items, the same 20,000 updates of status and place on each, three rounds in turn;
-- prints microseconds per update. Everything is made in a schema of its own and dropped at the end.
\set ON_ERROR_STOP on
create schema item_checks_bench;
set search_path = item_checks_bench;
set synchronous_commit = off;
create table with_checks (
    id bigint primary key, barcode text not null, item_type text not null, price numeric(10, 2) check (price >= 0),
    status text not null, current_unit text, updated_at timestamptz, version integer not null default 0,
    check (barcode ~ '^[A-Za-z0-9-]{4,32}$'),
    check (item_type in ('BOOK', 'CHILDRENS_BOOK', 'PERIODICAL', 'AUDIOVISUAL', 'REFERENCE')),
    check (status in ('AVAILABLE', 'ON_LOAN', 'IN_TRANSIT', 'ON_HOLD_SHELF', 'MISSING', 'LOST', 'WITHDRAWN'))
) with (fillfactor = 85);
create domain item_barcode as text check (value ~ '^[A-Za-z0-9-]{4,32}$');
create domain item_type_code as text check (value in ('BOOK', 'CHILDRENS_BOOK', 'PERIODICAL', 'AUDIOVISUAL', 'REFERENCE'));
create domain item_status_code as text check (value in ('AVAILABLE', 'ON_LOAN', 'IN_TRANSIT', 'ON_HOLD_SHELF',
    'MISSING', 'LOST', 'WITHDRAWN'));
create domain item_price as numeric(10, 2) check (value >= 0);
create table with_domains (
    id bigint primary key, barcode item_barcode not null, item_type item_type_code not null, price item_price,
    status item_status_code not null, current_unit text, updated_at timestamptz, version integer not null default 0
) with (fillfactor = 85);
insert into with_checks
select g, 'BX' || lpad(g::text, 8, '0'), 'BOOK', 10, 'AVAILABLE', 'U1', now() from generate_series(1, 100000) g;
insert into with_domains select * from with_checks;
vacuum analyze with_checks;
vacuum analyze with_domains;
do $$
declare
    started timestamptz;
    tbl text;
begin
    for round in 1..3 loop
        foreach tbl in array array['with_checks', 'with_domains'] loop
            started := clock_timestamp();
            for i in 1..20000 loop
                execute format('update %I set status = $1, current_unit = $2, updated_at = now(), version = version + 1 '
                               'where id = $3', tbl)
                    using case when i % 2 = 0 then 'ON_LOAN' else 'AVAILABLE' end, 'U2', 1 + (i * 7919) % 99000;
            end loop;
            raise notice '% round %: % us per update', tbl, round,
                round(extract(epoch from clock_timestamp() - started) * 1e6 / 20000, 1);
        end loop;
    end loop;
end
$$;
reset search_path;
drop schema item_checks_bench cascade;
