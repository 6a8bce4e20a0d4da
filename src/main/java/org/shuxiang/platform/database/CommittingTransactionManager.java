package org.shuxiang.platform.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
 */
class CommittingTransactionManager extends JdbcTransactionManager {

    private static final String UNIQUE_VIOLATION = "23505";

    CommittingTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<WritesAtCommit.Write> writes = WritesAtCommit.take();
        if (writes.isEmpty()) {
            super.doCommit(status);
            return;
        }
        Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
                .getConnection();
        List<String> texts = new java.util.ArrayList<>(writes.size() + 1);
        for (WritesAtCommit.Write write : writes) {
            texts.add(write.sql());
        }
        texts.add("commit");
        try (PreparedStatement statement = connection.prepareStatement(RoundTrip.composed(texts))) {
            int index = 1;
            for (WritesAtCommit.Write write : writes) {
                for (Object argument : write.arguments()) {
                    StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, argument);
                }
            }
            statement.execute();
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
}
