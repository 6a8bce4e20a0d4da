package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.interceptor.MatchAlwaysTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Statements sent together run in the order given, each with its own answer, in the caller's
 * transaction; the first that fails stops the rest and the transaction. Reads may go without a
 * transaction; writes whose answers nobody reads may go with the commit.
 */
@IntegrationTest
class RoundTripTest {

    @Autowired
    RoundTrip roundTrip;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private static RoundTrip.Step<Integer> record(String id, String action) {
        return RoundTrip.Step.update("""
                insert into audit_event (actor, actor_type, action, target_type, target_id)
                values ('test', 'SYSTEM', :action, 'TEST', :id)""", Map.of("action", action, "id", id));
    }

    private static RoundTrip.Step<Optional<String>> lastAction(String id) {
        return RoundTrip.Step.optional("select action from audit_event where target_id = :id order by id desc limit 1",
                Map.of("id", id), (rs, n) -> rs.getString(1));
    }

    @Test
    void statements_run_in_the_order_given_and_each_answers() {
        String id = UUID.randomUUID().toString();
        RoundTrip.Step<Optional<String>> before = lastAction(id);
        RoundTrip.Step<Integer> first = record(id, "FIRST");
        RoundTrip.Step<Optional<String>> between = lastAction(id);
        RoundTrip.Step<Integer> second = record(id, "SECOND");
        RoundTrip.Step<Long> counted = RoundTrip.Step.query("select count(*) from audit_event where target_id = :id",
                Map.of("id", id), rows -> rows.next() ? rows.getLong(1) : 0L);
        RoundTrip.Step<String> described = lastAction(id).then(action -> action.map(a -> "last: " + a).orElse("none"));
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                roundTrip.run(before, first, between, second, counted, described));
        assertThat(before.result()).isEmpty();
        assertThat(first.result()).isEqualTo(1);
        assertThat(between.result()).contains("FIRST");
        assertThat(second.result()).isEqualTo(1);
        assertThat(counted.result()).isEqualTo(2L);
        assertThat(described.result()).isEqualTo("last: SECOND");
    }

    @Test
    void the_first_statement_that_fails_stops_the_rest_and_the_transaction() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status ->
                roundTrip.run(record(id, "FIRST"),
                        RoundTrip.Step.update("""
                                insert into audit_event (actor, actor_type, action, target_type, target_id)
                                values ('test', 'NOT_A_TYPE', 'BAD', 'TEST', :id)""", Map.of("id", id)),
                        record(id, "THIRD"))))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql("select count(*) from audit_event where target_id = ?").param(id).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void a_statement_sent_again_with_other_values_answers_for_those_values() {
        String id = UUID.randomUUID().toString();
        String sql = "select count(*) from audit_event where target_id = :id and action = any(:actions)";
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                roundTrip.run(record(id, "FIRST"), record(id, "SECOND"), record(id, "THIRD")));
        for (int round = 0; round < 3; round++) {
            RoundTrip.Step<Long> two = RoundTrip.Step.query(sql,
                    Map.of("id", id, "actions", new String[] {"FIRST", "THIRD"}), rows -> rows.next() ? rows.getLong(1) : 0L);
            RoundTrip.Step<Long> one = RoundTrip.Step.query(sql,
                    Map.of("id", id, "actions", new String[] {"SECOND"}), rows -> rows.next() ? rows.getLong(1) : 0L);
            RoundTrip.Step<Optional<String>> last = lastAction(id);
            RoundTrip.Step<Optional<String>> other = lastAction("no such target " + round);
            new TransactionTemplate(transactions).executeWithoutResult(status -> roundTrip.run(two, one, last, other));
            assertThat(two.result()).isEqualTo(2L);
            assertThat(one.result()).isEqualTo(1L);
            assertThat(last.result()).contains("THIRD");
            assertThat(other.result()).isEmpty();
        }
    }

    @Test
    void a_list_is_refused_with_the_way_to_send_it() {
        assertThatThrownBy(() -> RoundTrip.Step.query("select 1 where 'A' in (:codes)", Map.of("codes", java.util.List.of("A")),
                rows -> rows.next()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("= any(:codes)");
    }

    @Test
    void a_value_named_twice_is_sent_for_both_places_and_a_null_is_an_sql_null() {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("word", "书香");
        values.put("nothing", null);
        RoundTrip.Step<String> step = RoundTrip.Step.query(
                "select :word || '/' || :word || '/' || coalesce(cast(:nothing as text), 'null')", values,
                rows -> rows.next() ? rows.getString(1) : null);
        new TransactionTemplate(transactions).executeWithoutResult(status -> roundTrip.run(step));
        assertThat(step.result()).isEqualTo("书香/书香/null");
    }

    @Test
    void a_value_not_given_is_refused_with_its_name() {
        assertThatThrownBy(() -> RoundTrip.Step.query("select :given, :forgotten", Map.of("given", 1), rows -> null))
                .isInstanceOf(org.springframework.dao.InvalidDataAccessApiUsageException.class)
                .hasMessageContaining("'forgotten'");
    }

    @Test
    void statements_sent_together_belong_to_a_transaction() {
        assertThatThrownBy(() -> roundTrip.run(lastAction("x")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void an_answer_is_there_only_after_the_round_trip() {
        assertThatThrownBy(() -> lastAction("x").result()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reads_outside_a_transaction_run_in_one_implicit_transaction_of_their_own() {
        RoundTrip.Step<java.sql.Timestamp> first = transactionStart();
        RoundTrip.Step<Integer> slept = RoundTrip.Step.query("select 1 from pg_sleep(0.05)", Map.of(),
                rows -> rows.next() ? rows.getInt(1) : 0);
        RoundTrip.Step<java.sql.Timestamp> last = transactionStart();
        roundTrip.read(first, slept, last);
        assertThat(slept.result()).isEqualTo(1);
        assertThat(last.result()).as("one transaction: it began once").isEqualTo(first.result());
        RoundTrip.Step<java.sql.Timestamp> later = transactionStart();
        roundTrip.read(later);
        assertThat(later.result()).as("and it ended with the round trip").isAfter(last.result());
    }

    private static RoundTrip.Step<java.sql.Timestamp> transactionStart() {
        return RoundTrip.Step.query("select now()", Map.of(), rows -> rows.next() ? rows.getTimestamp(1) : null);
    }

    /** A transactional method as a service has one: it runs the given work in a transaction of its own or joins one. */
    interface Service {
        void work(Runnable work);
    }

    private Service transactional() {
        ProxyFactory proxy = new ProxyFactory((Service) Runnable::run);
        proxy.addAdvice(new TransactionInterceptor(transactions, new MatchAlwaysTransactionAttributeSource()));
        return (Service) proxy.getProxy();
    }

    private int events(String id) {
        return jdbc.sql("select count(*) from audit_event where target_id = ?").param(id).query(Integer.class).single();
    }

    @Test
    void writes_with_the_commit_wait_for_it_when_the_method_began_the_transaction() {
        String id = UUID.randomUUID().toString();
        transactional().work(() -> {
            roundTrip.runWithCommit(IllegalStateException::new, record(id, "FIRST"), record(id, "SECOND"));
            assertThat(events(id)).as("not sent yet").isZero();
        });
        assertThat(events(id)).isEqualTo(2);
    }

    @Test
    void writes_with_the_commit_go_at_once_in_a_transaction_the_method_joined() {
        String id = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(outer -> {
            transactional().work(() -> roundTrip.runWithCommit(IllegalStateException::new, record(id, "FIRST")));
            assertThat(events(id)).as("the transaction goes on after the method: sent already").isEqualTo(1);
        });
        assertThat(events(id)).isEqualTo(1);
    }

    @Test
    void a_duplicate_among_writes_with_the_commit_is_the_writers_refusal_and_nothing_stays() {
        String id = UUID.randomUUID().toString();
        long taken = jdbc.sql("""
                insert into audit_event (actor, actor_type, action, target_type, target_id)
                values ('test', 'SYSTEM', 'TAKEN', 'TEST', ?) returning id""").param(id).query(Long.class).single();
        java.util.function.Supplier<RoundTrip.Step<Integer>> again = () -> RoundTrip.Step.update("""
                insert into audit_event (id, actor, actor_type, action, target_type, target_id) overriding system value
                values (:taken, 'test', 'SYSTEM', 'AGAIN', 'TEST', :id)""", Map.of("taken", taken, "id", id));
        String other = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transactional().work(() -> {
            jdbc.sql("insert into audit_event (actor, actor_type, action, target_type, target_id) "
                    + "values ('test', 'SYSTEM', 'BEFORE', 'TEST', ?)").param(other).update();
            roundTrip.runWithCommit(() -> new IllegalStateException("taken"), record(other, "FIRST"), again.get());
        })).isInstanceOf(IllegalStateException.class).hasMessage("taken");
        assertThat(events(other)).as("nothing of the transaction stays").isZero();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(outer ->
                transactional().work(() -> roundTrip.runWithCommit(() -> new IllegalStateException("taken"), again.get()))))
                .isInstanceOf(IllegalStateException.class).hasMessage("taken");
        assertThat(events(id)).isEqualTo(1);
    }
}
