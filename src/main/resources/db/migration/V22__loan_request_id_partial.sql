-- A loan's request id (a desk's or kiosk's idempotency key) is unique, but most loans have none: kiosks
-- and offline batches are answered by other means. The unique constraint indexed every loan, a NULL key
-- each time; now only the loans that carry an id are indexed. A lookup by request id (request_id = $1)
-- implies the id is not null, so it still uses the index.
alter table loan drop constraint loan_request_id_key;
create unique index loan_request_id on loan (request_id) where request_id is not null;
