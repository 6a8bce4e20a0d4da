package org.shuxiang.platform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's JDBC transaction manager, with two changes on the way to the {@code COMMIT}.
 * <ul>
 * <li>A transaction with {@link WritesAtCommit} sends them and its {@code COMMIT} as one statement list: one
 * round trip to PostgreSQL instead of two. PostgreSQL runs the list in order and stops at the first error,
 * so a write that fails fails the commit and nothing of the transaction stays. A unique violation among
 * writes that said what a duplicate means is the first such write's refusal (a checkout sends one such
 * write, its loan).</li>
 * <li>A read-write transaction commits by group commit (ADR 0018, {@link DurableCommits}): the same round
 * trip sets {@code synchronous_commit} off for it alone and asks whether it wrote anything. If it did, its
 * thread waits for the flush only after the connection is back in the pool, before the caller can answer
 * anyone.</li>
 * </ul>
 */
class CommittingTransactionManager extends JdbcTransactionManager {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Whether the transaction wrote (has a transaction id), and its commit not waiting for the disk. */
    private static final String WROTE_AND_ASYNC =
            "select pg_current_xact_id_if_assigned() is not null, set_config('synchronous_commit', 'off', true)";
    /** The transactions of this thread committed without waiting for the disk and not yet cleaned up. */
    private static final ThreadLocal<java.util.ArrayDeque<Object>> UNFLUSHED =
            ThreadLocal.withInitial(java.util.ArrayDeque::new);

    private final DurableCommits durable;

    CommittingTransactionManager(DataSource dataSource, DurableCommits durable) {
        super(dataSource);
        this.durable = durable;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<WritesAtCommit.Write> writes = WritesAtCommit.take();
        if (writes.isEmpty() && status.isReadOnly()) {
            super.doCommit(status);
            return;
        }
        Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
                .getConnection();
        List<String> texts = new java.util.ArrayList<>(writes.size() + 2);
        for (WritesAtCommit.Write write : writes) {
            texts.add(write.sql());
        }
        boolean groupCommit = !status.isReadOnly();
        if (groupCommit) {
            texts.add(WROTE_AND_ASYNC);
        }
        texts.add("commit");
        boolean wrote = false;
        try (PreparedStatement statement = connection.prepareStatement(RoundTrip.composed(texts))) {
            int index = 1;
            for (WritesAtCommit.Write write : writes) {
                for (Object argument : write.arguments()) {
                    StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, argument);
                }
            }
            boolean rows = statement.execute();
            // the writes' counts, then (for group commit) the one row of WROTE_AND_ASYNC, then the commit's
            while (rows || statement.getUpdateCount() != -1) {
                if (rows) {
                    try (ResultSet answer = statement.getResultSet()) {
                        wrote = answer.next() && answer.getBoolean(1);
                    }
                }
                rows = statement.getMoreResults();
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                for (WritesAtCommit.Write write : writes) {
                    if (write.ifDuplicate() != null) {
                        throw write.ifDuplicate().get();
                    }
                }
            }
            throw translateException("JDBC commit with its writes", e);
        }
        if (groupCommit && wrote) {
            UNFLUSHED.get().push(status.getTransaction());
        }
    }

    /** The connection back in the pool first; then, for a transaction that wrote, the wait for the disk. */
    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        super.doCleanupAfterCompletion(transaction);
        java.util.ArrayDeque<Object> unflushed = UNFLUSHED.get();
        if (!unflushed.isEmpty() && unflushed.removeFirstOccurrence(transaction)) {
            durable.await();
        }
    }
}
