package org.shuxiang.platform.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Group commit (ADR 0018). A transaction that wrote commits without waiting for the disk
 * ({@code synchronous_commit = off} for that transaction alone), gives its connection back to the pool, and
 * only then calls {@link #await()}: it returns once a <em>barrier</em> begun after the call is on disk. A
 * barrier is one small synchronous write on a connection of its own; PostgreSQL writes the WAL in one
 * sequence, so flushing the barrier's commit flushes every commit before it. One barrier serves every
 * transaction that was waiting when it began, and a pooled connection no longer sits out a WAL flush.
 *
 * <p>Nothing is acknowledged before it is on disk: {@link #await()} returns before the caller answers. A
 * transaction's effects are visible to others from its commit, a flush earlier than they are durable; a
 * crash in that millisecond loses them with every answer that depended on them still unsent.
 */
public class DurableCommits implements AutoCloseable {

    /** How one barrier is made durable: runs in the flusher's thread, one at a time. */
    @FunctionalInterface
    interface Barrier {
        void run() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);
    private static final long WAIT_AT_MOST_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Barrier barrier;
    private final Object lock = new Object();
    /** Barriers begun, barriers finished (either way), the last that succeeded, the highest one waited for. */
    private long started;
    private long finished;
    private long succeeded;
    private long wanted;
    private SQLException lastFailure;
    private Thread flusher;
    private boolean closed;

    DurableCommits(Barrier barrier) {
        this.barrier = barrier;
    }

    /** Barriers on a JDBC connection of their own to {@code url}, opened when first needed and again after a failure. */
    static DurableCommits onConnection(String url, String user, String password) {
        return new DurableCommits(new ConnectionBarrier(url, user, password));
    }

    /**
     * Returns when everything this thread committed before the call is on disk: after a barrier that began
     * after the call. Throws if that barrier failed and none after it succeeded yet, or after 30 s.
     */
    public void await() {
        synchronized (lock) {
            if (closed) {
                throw new DataAccessResourceFailureException("the database is shutting down: a commit's flush is not confirmed");
            }
            long mine = started + 1;
            if (wanted < mine) {
                wanted = mine;
                startFlusher();
                lock.notifyAll();
            }
            long deadline = System.nanoTime() + WAIT_AT_MOST_NANOS;
            boolean interrupted = false;
            try {
                while (finished < mine && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new DataAccessResourceFailureException("the database did not confirm a commit's flush within 30 s");
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (succeeded < mine) {
                throw new DataAccessResourceFailureException("the database did not confirm a commit's flush",
                        lastFailure);
            }
        }
    }

    private void startFlusher() {
        if (flusher == null) {
            flusher = new Thread(this::flush, "durable-commits");
            flusher.setDaemon(true);
            flusher.start();
        }
    }

    private void flush() {
        while (true) {
            long number;
            synchronized (lock) {
                while (wanted <= finished && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                number = ++started;
            }
            SQLException failure = null;
            try {
                barrier.run();
            } catch (SQLException e) {
                failure = e;
                log.warn("A group commit barrier failed ({}): the commits waiting for it are not confirmed", e.toString());
            } catch (RuntimeException e) {
                failure = new SQLException(e);
                log.warn("A group commit barrier failed", e);
            }
            synchronized (lock) {
                finished = number;
                if (failure == null) {
                    succeeded = number;
                } else {
                    lastFailure = failure;
                }
                lock.notifyAll();
            }
        }
    }

    /** Barriers made so far (for tests and metrics). */
    long barriers() {
        synchronized (lock) {
            return succeeded;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        if (barrier instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("Closing the group commit connection failed", e);
            }
        }
    }

    /**
     * {@code update durable_barrier}, committed synchronously at the server's own setting, on a connection
     * opened with the pool's URL and account. A failed barrier is tried once more on a new connection (a
     * connection closed by the server or the network while idle), then fails.
     */
    static final class ConnectionBarrier implements Barrier, AutoCloseable {
        private static final String SQL = "update durable_barrier set barriers = barriers + 1 where id = 1";
        private final String url;
        private final String user;
        private final String password;
        private Connection connection;
        private Statement statement;

        ConnectionBarrier(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public synchronized void run() throws SQLException {
            try {
                open().executeUpdate(SQL);
            } catch (SQLException first) {
                close();
                open().executeUpdate(SQL);
            }
        }

        private Statement open() throws SQLException {
            if (statement == null) {
                java.util.Properties properties = new java.util.Properties();
                properties.setProperty("user", user);
                if (password != null && !password.isEmpty()) {
                    properties.setProperty("password", password);
                }
                properties.setProperty("ApplicationName", "shuxiang group commit");
                connection = DriverManager.getConnection(url, properties);
                connection.setAutoCommit(true);
                statement = connection.createStatement();
            }
            return statement;
        }

        @Override
        public synchronized void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // closing a broken connection
            } finally {
                connection = null;
                statement = null;
            }
        }
    }
}
