-- Group commit (ADR 0018): a transaction that wrote commits without waiting for its WAL to reach the disk, gives
-- its connection back to the pool, and then waits for the next barrier: one small synchronous write, on a
-- connection of its own, whose flush carries every commit before it. One row, updated in place (HOT).
create table durable_barrier (
    id       integer primary key check (id = 1),
    barriers bigint  not null
) with (fillfactor = 10);
insert into durable_barrier (id, barriers) values (1, 0);
