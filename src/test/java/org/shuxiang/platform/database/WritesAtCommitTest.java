package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.platform.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit events travel with their transaction's commit: they exist exactly when the transaction's other
 * changes do, whether it commits, rolls back, fails at the commit, or runs an inner transaction of its own.
 */
@IntegrationTest
class WritesAtCommitTest {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    java.util.List<org.springframework.transaction.interceptor.TransactionInterceptor> interceptors;

    @Test
    void every_transactional_method_without_a_named_manager_runs_on_the_committing_one() {
        assertThat(interceptors).isNotEmpty().allSatisfy(interceptor ->
                assertThat(interceptor.getTransactionAttributeSource()).isInstanceOf(NamedTransactionManager.Naming.class));
        assertThat(transactions).isInstanceOf(CommittingTransactionManager.class);
    }

    private int events(String targetId) {
        return jdbc.sql("select count(*) from audit_event where target_id = ?").param(targetId).query(Integer.class)
                .single();
    }

    @Test
    void an_event_is_written_when_its_transaction_commits_and_not_before() {
        String id = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("TEST_EVENT", "TEST", id, null, java.util.Map.of("what", "一次测试"));
            assertThat(events(id)).as("not yet sent: it goes with the commit").isZero();
        });
        assertThat(events(id)).isEqualTo(1);
        assertThat(jdbc.sql("select details ->> 'what' from audit_event where target_id = ?").param(id)
                .query(String.class).single()).isEqualTo("一次测试");
    }

    @Test
    void a_transaction_rolled_back_leaves_no_event() {
        String id = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("TEST_EVENT", "TEST", id, null, null);
            status.setRollbackOnly();
        });
        assertThat(events(id)).isZero();
    }

    @Test
    void a_write_that_fails_at_the_commit_fails_the_commit_and_nothing_of_the_transaction_stays() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("TEST_EVENT", "TEST", id, null, null);
            WritesAtCommit.add("insert into audit_event (actor, actor_type, action, target_type, target_id) "
                    + "values ('test', 'NOT_A_TYPE', 'TEST_EVENT', 'TEST', ?)", id);
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(events(id)).isZero();
        // the connection went back to the pool in a usable state
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                audit.record("TEST_EVENT", "TEST", id, null, null));
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void an_inner_transaction_of_its_own_commits_its_events_and_the_outer_keeps_its_own() {
        String outer = UUID.randomUUID().toString();
        String inner = UUID.randomUUID().toString();
        TransactionTemplate requiresNew = new TransactionTemplate(transactions);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("TEST_EVENT", "TEST", outer, null, null);
            requiresNew.executeWithoutResult(innerStatus -> audit.record("TEST_EVENT", "TEST", inner, null, null));
            assertThat(events(inner)).as("committed with the inner transaction").isEqualTo(1);
            assertThat(events(outer)).isZero();
            status.setRollbackOnly();
        });
        assertThat(events(inner)).isEqualTo(1);
        assertThat(events(outer)).as("the outer transaction rolled back").isZero();
    }

    @Test
    void outside_a_transaction_an_event_is_written_at_once() {
        String id = UUID.randomUUID().toString();
        audit.record("TEST_EVENT", "TEST", id, null, null);
        assertThat(events(id)).isEqualTo(1);
    }
}
