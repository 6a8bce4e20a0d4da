-- Suspensions: a rule may stop a late reader from borrowing for a number of days instead of charging a
-- fee. A block with an end day is in force until that day has passed.
alter table reader_block add column until date;
alter table reader_block drop constraint reader_block_kind_check;
alter table reader_block add constraint reader_block_kind_check
    check (kind in ('MANUAL', 'FEES', 'OVERDUE', 'EXPIRED', 'SUSPENSION'));
