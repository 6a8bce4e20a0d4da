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
 * Spring's JDBC transaction manager, except that a transaction with {@link WritesAtCommit} sends them and
 * its {@code COMMIT} as one statement list: one round trip to PostgreSQL instead of two. PostgreSQL runs
 * the list in order and stops at the first error, so a write that fails fails the commit and nothing of
 * the transaction stays. A unique violation among writes that said what a duplicate means is the first
 * such write's refusal (a checkout sends one such write, its loan).
 *
 * <p>With a live {@link FlushFeed} (ADR 0022), a transaction that may have written commits without waiting
 * for the disk: the same round trip sets {@code synchronous_commit} off for it alone, asks whether it wrote,
 * and after the commit reads the end of the WAL. If it wrote, its thread waits for the feed to pass that
 * position after its connection is back in the pool, and before the caller gets control back: nothing is
 * answered before it is on disk, and no connection is held while the disk works.
 */
class CommittingTransactionManager extends JdbcTransactionManager implements org.springframework.beans.factory.DisposableBean {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Whether the transaction wrote (has a transaction id); its commit not waiting for the disk. */
    private static final String WROTE_AND_ASYNC =
            "select pg_current_xact_id_if_assigned() is not null, set_config('synchronous_commit', 'off', true)";
    /** Just after the commit, in the same round trip: the end of the WAL, at or after the commit's record. */
    private static final String END_OF_WAL = "select (pg_current_wal_insert_lsn() - '0/0')::bigint";
    /** This thread's commits that wait for the disk once their connections are back: transaction to position. */
    private static final ThreadLocal<java.util.IdentityHashMap<Object, Long>> UNFLUSHED =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    private final FlushFeed feed;

    CommittingTransactionManager(DataSource dataSource, FlushFeed feed) {
        super(dataSource);
        this.feed = feed;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<WritesAtCommit.Write> writes = WritesAtCommit.take();
        boolean shared = feed != null && !status.isReadOnly() && feed.live();
        if (writes.isEmpty() && !shared) {
            super.doCommit(status);
            return;
        }
        Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
                .getConnection();
        List<String> texts = new java.util.ArrayList<>(writes.size() + 3);
        for (WritesAtCommit.Write write : writes) {
            texts.add(write.sql());
        }
        if (shared) {
            texts.add(WROTE_AND_ASYNC);
        }
        texts.add("commit");
        if (shared) {
            texts.add(END_OF_WAL);
        }
        try (PreparedStatement statement = connection.prepareStatement(RoundTrip.composed(texts))) {
            int index = 1;
            for (WritesAtCommit.Write write : writes) {
                for (Object argument : write.arguments()) {
                    StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, argument);
                }
            }
            boolean rows = statement.execute();
            if (shared) {
                // the writes' counts, the row of WROTE_AND_ASYNC, the commit's count, the row of END_OF_WAL
                boolean wrote = false;
                int answers = 0;
                long end = 0;
                while (rows || statement.getUpdateCount() != -1) {
                    if (rows) {
                        try (ResultSet answer = statement.getResultSet()) {
                            answer.next();
                            if (answers++ == 0) {
                                wrote = answer.getBoolean(1);
                            } else {
                                end = answer.getLong(1);
                            }
                        }
                    }
                    rows = statement.getMoreResults();
                }
                if (wrote) {
                    UNFLUSHED.get().put(status.getTransaction(), FlushFeed.commitBound(end));
                }
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
    }

    /** The connection back in the pool first; then, for a commit that did not wait for the disk, the wait. */
    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        super.doCleanupAfterCompletion(transaction);
        java.util.IdentityHashMap<Object, Long> unflushed = UNFLUSHED.get();
        if (!unflushed.isEmpty()) {
            Long position = unflushed.remove(transaction);
            if (position != null) {
                feed.await(position);
            }
        }
    }

    @Override
    public void destroy() {
        if (feed != null) {
            feed.close();
        }
    }
}
