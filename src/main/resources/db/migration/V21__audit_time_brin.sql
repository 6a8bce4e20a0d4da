-- Every loan, return and renewal writes an audit row, so each index on the log costs every
-- transaction. The log is read newest first by id (the primary key), and filtered by actor, target or
-- unit through their indexes; a time range needs only a BRIN index, since rows arrive in time order.
drop index audit_event_time;
create index audit_event_time on audit_event using brin (occurred_at);
