package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction that wrote is confirmed by a barrier flushed after its commit, before its method returns;
 * one that wrote nothing waits for none. Its own commit does not wait for the disk, and leaves the
 * connection as it found it.
 */
@IntegrationTest
class GroupCommitTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DurableCommits durable;

    private long barriersOnDisk() {
        return jdbc.sql("select barriers from durable_barrier").query(Long.class).single();
    }

    private void write(String id) {
        jdbc.sql("""
                insert into audit_event (actor, actor_type, action, target_type, target_id)
                values ('test', 'SYSTEM', 'GROUP_COMMIT', 'TEST', :id)""").param("id", id).update();
    }

    @Test
    void a_transaction_that_wrote_returns_after_a_barrier_that_followed_its_commit() {
        long before = barriersOnDisk();
        String id = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(status -> write(id));
        assertThat(barriersOnDisk()).isGreaterThan(before);
        assertThat(jdbc.sql("select count(*) from audit_event where target_id = ?").param(id).query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void a_transaction_that_only_read_and_a_read_only_one_wait_for_no_barrier() {
        long before = durable.barriers();
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                jdbc.sql("select count(*) from org_unit").query(Long.class).single());
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(status -> jdbc.sql("select count(*) from org_unit").query(Long.class).single());
        assertThat(durable.barriers()).isEqualTo(before);
    }

    @Test
    void the_commit_alone_skips_the_wait_for_the_disk_and_the_next_transaction_on_the_connection_does_not() {
        TransactionTemplate template = new TransactionTemplate(transactions);
        for (int i = 0; i < 10; i++) {
            template.executeWithoutResult(status -> write(UUID.randomUUID().toString()));
            String setting = template.execute(status -> jdbc.sql("show synchronous_commit").query(String.class).single());
            assertThat(setting).as("set for the committing transaction only").isEqualTo("on");
        }
    }

    @Test
    void many_writers_at_once_are_all_confirmed_by_fewer_flushes_than_commits() throws Exception {
        String batch = UUID.randomUUID().toString();
        long before = durable.barriers();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = batch + "-" + i;
                done.add(writers.submit(() ->
                        new TransactionTemplate(transactions).executeWithoutResult(status -> write(id))));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            writers.shutdown();
        }
        assertThat(jdbc.sql("select count(*) from audit_event where target_id like ?").param(batch + "-%")
                .query(Integer.class).single()).isEqualTo(400);
        assertThat(durable.barriers() - before).isBetween(1L, 400L);
    }

    @Test
    void a_barrier_connection_the_server_closed_is_opened_again_and_the_commit_confirmed() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> write(UUID.randomUUID().toString()));
        jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'shuxiang group commit'")
                .query(Boolean.class).list();
        long before = durable.barriers();
        new TransactionTemplate(transactions).executeWithoutResult(status -> write(UUID.randomUUID().toString()));
        assertThat(durable.barriers()).isGreaterThan(before);
    }
}
