-- The reader site: readers act for themselves, and keep a reading history only when they ask for it.
alter table audit_event drop constraint audit_event_actor_type_check;
alter table audit_event add constraint audit_event_actor_type_check
    check (actor_type in ('STAFF', 'API_KEY', 'SYSTEM', 'ANONYMOUS', 'READER'));

-- Null: the reader has not switched their reading history on; else the moment they did. The history
-- shows returned loans from then on only, and switching it off clears the mark.
alter table reader add column history_since timestamptz;
