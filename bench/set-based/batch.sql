-- Eight books lent to eight readers and returned, a transaction each way, one statement per step for all
-- eight (see bench/set-based.sh). Client 0 takes pairs 1-39,000, client 1 pairs 39,001-78,000, eight at a time.
\set b random(0, 4874) + :client_id * 4875
\set lo :b * 8 + 1
\set hi :b * 8 + 8
select array_agg(card) as cards, array_agg(upper(barcode)) as ubarcodes, array_agg(unit) as units, array_agg(reader_id) as readers, array_agg(item_id) as items, array_agg(record_id) as records from bench_pair where n between :lo and :hi \gset
begin;
select r.id, r.name, r.card_type from reader_card shown join reader r on r.id = shown.reader_id left join reader_card c on c.reader_id = r.id and c.replaced_at is null where shown.card_number = any(:cards::text[]) order by r.id for update of r;
select c.reader_id, count(l.id), nextval('loan_id_seq') from reader_card c left join loan l on l.reader_id = c.reader_id and l.returned_at is null where c.card_number = any(:cards::text[]) group by c.reader_id;
select i.id, i.status, b.title from item i join bib_record b on b.id = i.record_id where upper(i.barcode) = any(:ubarcodes::text[]) order by i.id for update of i;
insert into loan (item_id, reader_id, card_number, lending_unit, rule_id, checked_out_at, due_on) select u.item, u.reader, u.card, u.unit, 1, now(), current_date + 30 from unnest(:items::bigint[], :readers::bigint[], :cards::text[], :units::text[]) u(item, reader, card, unit);
with counted as (update bib_record_activity a set loan_count = loan_count + 1, change_xid = pg_current_xact_id() where a.record_id = any(:records::bigint[])) update item i set status = 'ON_LOAN', current_unit = u.unit, updated_at = now(), version = version + 1 from unnest(:items::bigint[], :units::text[]) u(id, unit) where i.id = u.id;
insert into audit_event (actor, actor_type, action, target_type, target_id, unit_code, details) select 'bench', 'SYSTEM', 'ITEM_CHECKED_OUT', 'LOAN', u.item::text, u.unit, '{"barcode":"x"}' from unnest(:items::bigint[], :units::text[]) u(item, unit);
commit;
begin;
select i.id, i.status, b.title from item i join bib_record b on b.id = i.record_id where upper(i.barcode) = any(:ubarcodes::text[]) order by i.id for update of i;
select l.id, r.id from loan l join reader r on r.id = l.reader_id where l.item_id = any(:items::bigint[]) and l.returned_at is null order by r.id for update;
update loan l set returned_at = now(), return_unit = u.unit from unnest(:items::bigint[], :units::text[]) u(item, unit) where l.item_id = u.item and l.returned_at is null;
update item i set status = 'AVAILABLE', current_unit = u.unit, updated_at = now(), version = version + 1 from unnest(:items::bigint[], :units::text[]) u(id, unit) where i.id = u.id;
insert into audit_event (actor, actor_type, action, target_type, target_id, unit_code, details) select 'bench', 'SYSTEM', 'ITEM_CHECKED_IN', 'LOAN', u.item::text, u.unit, '{"barcode":"x"}' from unnest(:items::bigint[], :units::text[]) u(item, unit);
commit;
