-- One book lent and returned, a transaction each way, with the statements a checkout and a return send today
-- (see bench/set-based.sh). Client 0 takes pairs 1-39,000, client 1 pairs 39,001-78,000.
\set n random(1, 39000) + :client_id * 39000
select card, barcode, unit, reader_id, item_id, record_id from bench_pair where n = :n \gset
begin;
select r.id, r.name, r.card_type from reader_card shown join reader r on r.id = shown.reader_id left join reader_card c on c.reader_id = r.id and c.replaced_at is null where shown.card_number = :card for update of r;
select count(l.id), nextval('loan_id_seq') as loan_id from reader_card c left join loan l on l.reader_id = c.reader_id and l.returned_at is null where c.card_number = :card group by c.reader_id \gset
select i.id, i.status, b.title from item i join bib_record b on b.id = i.record_id where upper(i.barcode) = upper(:barcode) for update of i;
insert into loan (id, item_id, reader_id, card_number, lending_unit, rule_id, checked_out_at, due_on) overriding system value values (:loan_id, :item_id, :reader_id, :card, :unit, 1, now(), current_date + 30);
with counted as (update bib_record_activity set loan_count = loan_count + 1, change_xid = pg_current_xact_id() where record_id = :record_id) update item set status = 'ON_LOAN', current_unit = :unit, updated_at = now(), version = version + 1 where id = :item_id;
insert into audit_event (actor, actor_type, action, target_type, target_id, unit_code, details) values ('bench', 'SYSTEM', 'ITEM_CHECKED_OUT', 'LOAN', :loan_id, :unit, '{"barcode":"x"}');
commit;
begin;
select i.id, i.status, b.title from item i join bib_record b on b.id = i.record_id where upper(i.barcode) = upper(:barcode) for update of i;
select l.id, r.id from loan l join reader r on r.id = l.reader_id where l.item_id = :item_id and l.returned_at is null for update;
update loan set returned_at = now(), return_unit = :unit where item_id = :item_id and returned_at is null;
update item set status = 'AVAILABLE', current_unit = :unit, updated_at = now(), version = version + 1 where id = :item_id;
insert into audit_event (actor, actor_type, action, target_type, target_id, unit_code, details) values ('bench', 'SYSTEM', 'ITEM_CHECKED_IN', 'LOAN', :loan_id, :unit, '{"barcode":"x"}');
commit;
