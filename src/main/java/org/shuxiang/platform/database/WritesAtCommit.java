package org.shuxiang.platform.database;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes that a transaction makes and never reads back (audit events), kept until the transaction
 * commits and sent to PostgreSQL in the same round trip as its {@code COMMIT}
 * ({@link CommittingTransactionManager}). A desk's checkout waits for one round trip fewer; the rows
 * exist exactly when the transaction's other changes do, as before. Rolled back, they are dropped.
 */
public final class WritesAtCommit {

    /**
     * One statement and its arguments, in the order of its {@code ?} placeholders, and what a unique
     * violation at the commit means, when the writer said (null otherwise).
     */
    record Write(String sql, Object[] arguments, Supplier<? extends RuntimeException> ifDuplicate) {
    }

    private static final Object KEY = WritesAtCommit.class.getName() + ".pending";

    private WritesAtCommit() {
    }

    /**
     * Adds a write to the transaction in progress. Returns false when no transaction is in progress (or
     * it is read-only): the caller then writes at once.
     */
    public static boolean add(String sql, Object... arguments) {
        return add(null, sql, arguments);
    }

    /**
     * {@link #add(String, Object...)}, for a write that a unique constraint may refuse: if the commit fails
     * on a unique violation, the caller gets {@code ifDuplicate}'s exception (a refusal that says what the
     * duplicate means) instead of the database's.
     */
    static boolean add(Supplier<? extends RuntimeException> ifDuplicate, String sql, Object... arguments) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Write> pending = (List<Write>) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null) {
            List<Write> bound = new ArrayList<>(2);
            pending = bound;
            TransactionSynchronizationManager.bindResource(KEY, bound);
            TransactionSynchronizationManager.registerSynchronization(new Binding(bound));
        }
        pending.add(new Write(sql, arguments.clone(), ifDuplicate));
        return true;
    }

    /**
     * Adds a write to the transaction in progress ({@link #add}), or, with none in progress (or a read-only
     * one), writes it at once through {@code jdbc}.
     */
    public static void addOrWrite(JdbcClient jdbc, String sql, Object... arguments) {
        if (!add(sql, arguments)) {
            jdbc.sql(sql).params(arguments).update();
        }
    }

    /** The writes of the transaction that is committing, taken (empty when there are none). */
    static List<Write> take() {
        @SuppressWarnings("unchecked")
        List<Write> pending = (List<Write>) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        List<Write> taken = List.copyOf(pending);
        pending.clear();
        return taken;
    }

    /**
     * Keeps the list bound to its own transaction: set aside while a new inner transaction runs
     * ({@code REQUIRES_NEW}), unbound when the transaction ends either way.
     */
    private record Binding(List<Write> pending) implements TransactionSynchronization {

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(KEY, pending);
        }

        @Override
        public void afterCompletion(int status) {
            pending.clear();
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
    }
}
