-- Today's figures on the staff home pages count loans and returns by day. BRIN indexes: loans are
-- written in time order, so the summaries stay small and cost a checkout or checkin almost nothing.
create index loan_checked_out_brin on loan using brin (checked_out_at);
create index loan_returned_brin on loan using brin (returned_at);

-- The holds page lists the holds that expired on a unit's pickup shelf lately: their copies come off it.
create index hold_expired on hold (pickup_unit, closed_at) where status = 'EXPIRED';
