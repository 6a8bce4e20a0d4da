package org.shuxiang.platform.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statements of one transaction, from several modules, sent to PostgreSQL together: one round trip
 * instead of one each. PostgreSQL runs them one after the other in the order given (so row locks are
 * taken in that order, as they would be one by one), and stops at the first that fails. Each module still
 * writes the SQL for its own tables, as a {@link Step}; the caller decides what travels together.
 */
@Component
public class RoundTrip {

    /** The text of each combination of steps sent so far (a few dozen: the code's, not the data's). */
    private static final Map<List<String>, String> COMPOSED = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;

    RoundTrip(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs the steps in one round trip, in order, in the caller's transaction; then each step's
     * {@link Step#result()} is its answer.
     */
    public void run(Step<?>... steps) {
        requireTransaction();
        send(steps);
    }

    /**
     * Reads in one round trip, inside a transaction or outside one. Outside, no {@code BEGIN} and
     * {@code COMMIT} travel with them: PostgreSQL runs the statements of one round trip in one implicit
     * transaction, each seeing what was committed when it began, as in a transaction at the default
     * isolation. For reads that are shown, not acted on (a reader's summary at a kiosk): a round trip
     * fewer than a read-only transaction.
     */
    public void read(Step<?>... steps) {
        send(steps);
    }

    /**
     * Writes whose answers the caller does not read, sent with the {@code COMMIT} when the transactional
     * method that calls this began the transaction (it then ends it, and nothing else in it reads them
     * first): one round trip fewer. Inside a transaction begun by another method (an offline batch's, say),
     * they are sent at once, as {@link #run} sends them. The caller reads nothing after this that needs them
     * to exist.
     */
    public void runWithCommit(Step<?>... steps) {
        runWithCommit(null, steps);
    }

    /** {@link #runWithCommit(Step[])} for writes a unique constraint may refuse: a duplicate is {@code ifDuplicate}'s exception. */
    public void runWithCommit(Supplier<? extends RuntimeException> ifDuplicate, Step<?>... steps) {
        requireTransaction();
        if (beganByCaller()) {
            for (Step<?> step : steps) {
                if (!WritesAtCommit.add(ifDuplicate, step.sql, step.arguments)) {
                    throw new IllegalTransactionStateException("writes in a read-only transaction");
                }
            }
            return;
        }
        try {
            run(steps);
        } catch (DuplicateKeyException duplicate) {
            if (ifDuplicate == null) {
                throw duplicate;
            }
            throw ifDuplicate.get();
        }
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("statements sent together belong to one transaction");
        }
    }

    /** Whether the innermost transactional method running began its transaction (rather than joined one). */
    private static boolean beganByCaller() {
        try {
            return TransactionAspectSupport.currentTransactionStatus().isNewTransaction();
        } catch (NoTransactionException programmatic) {
            return false; // begun by a template, which may do more after the caller returns
        }
    }

    private void send(Step<?>[] steps) {
        List<Object> arguments = new ArrayList<>();
        List<String> texts = new ArrayList<>(steps.length);
        for (Step<?> step : steps) {
            texts.add(step.sql);
            arguments.addAll(java.util.Arrays.asList(step.arguments)); // a null is an SQL null
        }
        String sql = composed(texts);
        jdbc.execute(sql, (PreparedStatement statement) -> {
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
     * The statements as one text. The same few combinations are sent again and again; each is kept as one
     * string, whose hash the driver's statement cache then finds computed, instead of hashing and comparing
     * a new kilobyte of SQL at every call. A long list (a batch's) is joined afresh.
     */
    static String composed(List<String> texts) {
        if (texts.size() > 8) {
            return String.join(";\n", texts);
        }
        return COMPOSED.computeIfAbsent(texts, t -> String.join(";\n", t));
    }

    /**
     * One statement of a round trip and what it answers: the rows it returns, read by a
     * {@link ResultSetExtractor}, or for a statement that returns none, the number of rows it changed.
     * A step is used once.
     */
    public static final class Step<T> {

        /**
         * Each statement's text with its placeholders and the names of its values in their order, parsed once:
         * the same at every call, as a step's values are single. A step then binds its values straight from
         * the caller's map, without a parameter source (its two hash maps were a sixth of what a kiosk's
         * message allocated).
         */
        private static final Map<String, Positional> PARSED = new ConcurrentHashMap<>();

        private record Positional(String sql, String[] names) {

            static Positional of(String namedSql) {
                ParsedSql parsed = NamedParameterUtils.parseSqlStatement(namedSql);
                // each value named as itself: the value array is then the names in the statement's order
                SqlParameterSource names = new SqlParameterSource() {
                    @Override
                    public boolean hasValue(String name) {
                        return true;
                    }

                    @Override
                    public Object getValue(String name) {
                        return name;
                    }
                };
                Object[] ordered = NamedParameterUtils.buildValueArray(parsed, names, null);
                return new Positional(NamedParameterUtils.substituteNamedParameters(parsed, names),
                        java.util.Arrays.copyOf(ordered, ordered.length, String[].class));
            }

            Object[] values(Map<String, ?> parameters) {
                Object[] values = new Object[names.length];
                for (int i = 0; i < names.length; i++) {
                    Object value = parameters.get(names[i]);
                    if (value == null && !parameters.containsKey(names[i])) {
                        throw new InvalidDataAccessApiUsageException(
                                "No value supplied for the SQL parameter '" + names[i] + "'");
                    }
                    if (value instanceof Iterable<?>) {
                        throw new IllegalArgumentException("a step's values are single; send the list :" + names[i]
                                + " as an SQL array (= any(:" + names[i] + "))");
                    }
                    values[i] = value;
                }
                return values;
            }
        }

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
            Positional positional = PARSED.computeIfAbsent(namedSql, Positional::of);
            return new Step<>(positional.sql(), positional.values(parameters), extractor,
                    raw -> (T) raw);
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
