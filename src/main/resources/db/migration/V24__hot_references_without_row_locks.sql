-- A foreign key check locks the row it finds (FOR KEY SHARE) until the transaction ends. For a unit or a
-- loan rule, the same few rows are named by every loan and return in the network at once: each check
-- writes the lock into the row (a WAL record and a dirty page of org_unit or loan_rule), and a row locked
-- by two transactions at once needs a new multixact. On the desk's and the kiosk's hot path these checks
-- guard rows that are never deleted, so they go (ADR 0018); the units and rules are kept instead.

-- Units and loan rules are kept for the history that names them: closed or retired, never deleted.
create function refuse_delete_kept() returns trigger language plpgsql as $$
begin
    raise exception '% rows are kept for the loans, returns and moves that name them: close or retire it instead',
        tg_table_name using errcode = 'restrict_violation';
end;
$$;
create trigger org_unit_kept before delete on org_unit for each row execute function refuse_delete_kept();
create trigger loan_rule_kept before delete on loan_rule for each row execute function refuse_delete_kept();

-- A removed rule retires: loans made under it keep their terms (fees, renewals) until they end.
alter table loan_rule add column retired_at timestamptz;
drop index loan_rule_cell;
create unique index loan_rule_cell on loan_rule (coalesce(card_type, '*'), coalesce(item_type, '*'),
    coalesce(unit_code, '*')) where retired_at is null;

alter table loan
    drop constraint loan_lending_unit_fkey,
    drop constraint loan_return_unit_fkey,
    drop constraint loan_rule_id_fkey;
alter table item drop constraint item_current_unit_fkey;
alter table transit
    drop constraint transit_from_unit_fkey,
    drop constraint transit_to_unit_fkey,
    drop constraint transit_received_unit_fkey;
