-- A transaction that changes a record and its items (a checkout counts the loan on the record, then lends
-- the item; an import adds many copies to one record) marks the record changed once, not once a row: the
-- record keeps one new row version per transaction instead of one per item change.
create or replace function item_changed() returns trigger language plpgsql as $$
begin
    update bib_record set change_xid = pg_current_xact_id()
    where id = new.record_id and change_xid <> pg_current_xact_id();
    if tg_op = 'UPDATE' and old.record_id <> new.record_id then
        update bib_record set change_xid = pg_current_xact_id()
        where id = old.record_id and change_xid <> pg_current_xact_id();
    end if;
    return new;
end;
$$;

-- Most returned copies are wanted by no hold: one probe of the title's live holds settles that.
create index hold_live_record on hold (record_id) where status in ('WAITING', 'IN_TRANSIT', 'READY');
