-- A checkout and a return change an item's status. With status in an index, every such update wrote a
-- new entry into each of the item's indexes; no query reads items by unit and status through that index
-- (holds find copies by record, desks by barcode). Without it, and with room left on each page, the
-- update stays on its page and touches no index (a HOT update).
drop index item_current_unit_status;
alter table item set (fillfactor = 85);
