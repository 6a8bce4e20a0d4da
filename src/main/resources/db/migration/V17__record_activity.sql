-- What changes about a record at every checkout and return, its loan count and the mark the search index
-- follows (see V4), moves out of bib_record into a narrow table of its own. An update of bib_record
-- copies its whole row, MARC fields included, and, as the mark is indexed, adds an entry to every index
-- of the table, the ISBN GIN index too. An update here writes a row of a few dozen bytes and two entries.
create table bib_record_activity (
    record_id   bigint  primary key references bib_record (id) on delete cascade,
    change_xid  xid8    not null default pg_current_xact_id(),
    loan_count  integer not null default 0 check (loan_count >= 0)
);
insert into bib_record_activity (record_id, change_xid, loan_count)
select id, change_xid, loan_count from bib_record;
-- the tailer pages through changes in (change_xid, record_id) order
create index bib_record_activity_change on bib_record_activity (change_xid, record_id);

drop trigger bib_record_changed on bib_record;
drop function bib_record_changed();
drop index bib_record_change_xid;
alter table bib_record drop column change_xid, drop column loan_count;

-- A new or changed record is marked changed by its transaction: once per statement, so that an import
-- inserting a page of records marks them in one insert.
create function bib_record_inserted() returns trigger language plpgsql as $$
begin
    insert into bib_record_activity (record_id) select id from inserted;
    return null;
end;
$$;
create trigger bib_record_inserted after insert on bib_record referencing new table as inserted
    for each statement execute function bib_record_inserted();

create function bib_record_updated() returns trigger language plpgsql as $$
begin
    update bib_record_activity a set change_xid = pg_current_xact_id()
    from updated u where a.record_id = u.id and a.change_xid <> pg_current_xact_id();
    return null;
end;
$$;
create trigger bib_record_updated after update on bib_record referencing new table as updated
    for each statement execute function bib_record_updated();

-- An item's change marks its record, once per transaction (see V13).
create or replace function item_changed() returns trigger language plpgsql as $$
begin
    update bib_record_activity set change_xid = pg_current_xact_id()
    where record_id = new.record_id and change_xid <> pg_current_xact_id();
    if tg_op = 'UPDATE' and old.record_id <> new.record_id then
        update bib_record_activity set change_xid = pg_current_xact_id()
        where record_id = old.record_id and change_xid <> pg_current_xact_id();
    end if;
    return new;
end;
$$;
