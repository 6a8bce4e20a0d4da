package org.shuxiang.platform.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statements of one transaction, from several modules, sent to PostgreSQL together: one round trip
 * instead of one each. PostgreSQL runs them one after the other in the order given (so row locks are
 * taken in that order, as they would be one by one), and stops at the first that fails. Each module still
 * writes the SQL for its own tables, as a {@link Step}; the caller decides what travels together.
 */
@Component
public class RoundTrip {

    private final JdbcTemplate jdbc;

    RoundTrip(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs the steps in one round trip, in order, in the caller's transaction; then each step's
     * {@link Step#result()} is its answer.
     */
    public void run(Step<?>... steps) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("statements sent together belong to one transaction");
        }
        StringBuilder sql = new StringBuilder(1024);
        List<Object> arguments = new ArrayList<>();
        for (Step<?> step : steps) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(step.sql);
            arguments.addAll(java.util.Arrays.asList(step.arguments)); // a null is an SQL null
        }
        jdbc.execute(sql.toString(), (PreparedStatement statement) -> {
            for (int i = 0; i < arguments.size(); i++) {
                StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, arguments.get(i));
            }
            boolean rows = statement.execute();
            for (Step<?> step : steps) {
                if (rows) {
                    try (ResultSet results = statement.getResultSet()) {
                        step.read(results, -1);
                    }
                } else {
                    step.read(null, statement.getUpdateCount());
                }
                rows = statement.getMoreResults();
            }
            return null;
        });
    }

    /**
     * One statement of a round trip and what it answers: the rows it returns, read by a
     * {@link ResultSetExtractor}, or for a statement that returns none, the number of rows it changed.
     * A step is used once.
     */
    public static final class Step<T> {

        private static final Map<String, ParsedSql> PARSED = new ConcurrentHashMap<>();

        private final String sql;
        private final Object[] arguments;
        private final ResultSetExtractor<?> extractor;
        private final Function<Object, T> then;
        private Object raw;
        private boolean answered;
        private T result;
        private boolean resolved;

        private Step(String sql, Object[] arguments, ResultSetExtractor<?> extractor, Function<Object, T> then) {
            this.sql = sql;
            this.arguments = arguments;
            this.extractor = extractor;
            this.then = then;
        }

        /** A statement with named parameters ({@code :name}) that returns rows. */
        @SuppressWarnings("unchecked")
        public static <T> Step<T> query(String namedSql, Map<String, ?> parameters, ResultSetExtractor<T> extractor) {
            ParsedSql parsed = PARSED.computeIfAbsent(namedSql, NamedParameterUtils::parseSqlStatement);
            MapSqlParameterSource source = new MapSqlParameterSource(parameters);
            return new Step<>(NamedParameterUtils.substituteNamedParameters(parsed, source),
                    NamedParameterUtils.buildValueArray(parsed, source, null), extractor, raw -> (T) raw);
        }

        /** A statement with named parameters that returns at most one row: the row, mapped, if there is one. */
        public static <T> Step<java.util.Optional<T>> optional(String namedSql, Map<String, ?> parameters,
                                                               org.springframework.jdbc.core.RowMapper<T> mapper) {
            return query(namedSql, parameters,
                    rows -> rows.next() ? java.util.Optional.ofNullable(mapper.mapRow(rows, 0)) : java.util.Optional.empty());
        }

        /** A statement with named parameters that returns no rows: its answer is how many rows it changed. */
        public static Step<Integer> update(String namedSql, Map<String, ?> parameters) {
            return query(namedSql, parameters, null);
        }

        /**
         * This step with its answer turned into another when it is asked for: after the round trip, in the
         * same transaction, so the function may read more (a reader's blocks, say, for the few who have any).
         */
        public <U> Step<U> then(Function<? super T, U> next) {
            return new Step<>(sql, arguments, extractor, raw -> next.apply(this.then.apply(raw)));
        }

        private void read(ResultSet results, int updateCount) throws java.sql.SQLException {
            raw = results != null && extractor != null ? extractor.extractData(results) : Integer.valueOf(updateCount);
            answered = true;
        }

        /** The step's answer; only after its round trip. */
        public T result() {
            if (!answered) {
                throw new IllegalStateException("this statement has not been sent: " + sql);
            }
            if (!resolved) {
                result = then.apply(raw);
                resolved = true;
            }
            return result;
        }
    }
}
