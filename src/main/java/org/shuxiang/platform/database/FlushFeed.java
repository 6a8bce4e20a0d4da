package org.shuxiang.platform.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionSystemException;

/**
 * How far PostgreSQL has written its WAL to disk, as PostgreSQL itself tells a standby (ADR 0022).
 *
 * <p>A physical replication stream sends a standby only WAL that is already flushed on the primary, and
 * PostgreSQL wakes the sender after each flush. This feed is such a stream with no standby behind it: it
 * keeps nothing but the position it has received up to. A transaction that committed without waiting for
 * the disk ({@code synchronous_commit} off for it alone) then waits here, on no connection, until the
 * position passes its commit; the WAL writer's one {@code fdatasync} confirms every commit before it.
 *
 * <p>While the stream is down (PostgreSQL restarting, a connection cut) the feed is not {@link #live()};
 * commits are then synchronous again, and a transaction already waiting asks the server's flush position
 * itself until it is on disk or {@link #GIVE_UP} has passed (then its caller is told that the commit is
 * not confirmed, and answers no one as if it were).
 */
final class FlushFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlushFeed.class);
    /** The longest {@code wal_writer_delay} with which commits may wait here: a commit waits up to 3 of them. */
    static final Duration LONGEST_WRITER_DELAY = Duration.ofMillis(10);
    static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final long XLOG_BLOCK = 8192;
    private static final long SHORT_PAGE_HEADER = 24;
    private static final long LONG_PAGE_HEADER = 40;

    private final String url;
    private final Properties properties;
    private final DataSource pool;
    private final AtomicLong flushed = new AtomicLong();
    private final ConcurrentSkipListSet<Waiter> waiters = new ConcurrentSkipListSet<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final Thread reader;
    private volatile boolean live;
    private volatile boolean running = true;
    private volatile Connection connection;

    private record Waiter(long lsn, long arrival, Thread thread) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            int byLsn = Long.compare(lsn, other.lsn);
            return byLsn != 0 ? byLsn : Long.compare(arrival, other.arrival);
        }
    }

    private FlushFeed(String url, String user, String password, DataSource pool) {
        this.url = url;
        this.pool = pool;
        properties = new Properties();
        PGProperty.USER.set(properties, user);
        if (password != null && !password.isEmpty()) {
            PGProperty.PASSWORD.set(properties, password);
        }
        PGProperty.REPLICATION.set(properties, "true");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        PGProperty.APPLICATION_NAME.set(properties, "shuxiang-flush-feed");
        reader = new Thread(this::follow, "wal-flush-feed");
        reader.setDaemon(true);
    }

    /**
     * A feed on the server behind {@code pool}, or null when commits there must wait for their own flush:
     * the WAL writer flushes too seldom for a commit to wait on it ({@code wal_writer_delay} over
     * {@link #LONGEST_WRITER_DELAY}, or {@code wal_writer_flush_after} holding flushes back), or this user
     * may not open a replication connection. The first position is read before this returns.
     */
    static FlushFeed start(String url, String user, String password, DataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet settings = s.executeQuery("""
                     select (select setting::int from pg_settings where name = 'wal_writer_delay'),
                            (select setting::int from pg_settings where name = 'wal_writer_flush_after'),
                            current_setting('synchronous_commit')""")) {
            settings.next();
            String refusal = refusal(settings.getInt(1), settings.getInt(2), settings.getString(3));
            if (refusal != null) {
                log.info("Commits wait for their own WAL flush: {}", refusal);
                return null;
            }
        } catch (SQLException e) {
            log.warn("Commits wait for their own WAL flush: the server's settings could not be read ({})",
                    e.getMessage());
            return null;
        }
        FlushFeed feed = new FlushFeed(url, user, password, pool);
        try {
            feed.connect().close();
        } catch (SQLException e) {
            log.info("Commits wait for their own WAL flush: no replication connection ({})", e.getMessage());
            return null;
        }
        feed.reader.start();
        log.info("Commits share the WAL writer's flushes, confirmed by a replication stream of flush positions");
        return feed;
    }

    /**
     * Why commits on a server with these settings may not wait here, or null when they may: its WAL writer
     * must flush at least every {@link #LONGEST_WRITER_DELAY} (a commit waits up to three of its rounds), and
     * not hold flushes back ({@code wal_writer_flush_after} 0); with {@code synchronous_commit} off for the
     * whole server (a test server) nothing is waited for at all.
     */
    static String refusal(int writerDelayMillis, int writerFlushAfter, String synchronousCommit) {
        if (!java.util.Set.of("on", "remote_write", "remote_apply").contains(synchronousCommit)) {
            return "the server's synchronous_commit is " + synchronousCommit + ", so commits are not waited for at all";
        }
        if (writerDelayMillis > LONGEST_WRITER_DELAY.toMillis() || writerFlushAfter != 0) {
            return "the server's WAL writer flushes every " + writerDelayMillis + " ms (wal_writer_delay; at most "
                    + LONGEST_WRITER_DELAY.toMillis() + " ms, with wal_writer_flush_after = 0, lets commits share "
                    + "its flushes)";
        }
        return null;
    }

    /** Whether the stream is up: only then may a transaction commit without waiting for its own flush. */
    boolean live() {
        return live;
    }

    /** The position flushed so far, as last received. */
    long flushed() {
        return flushed.get();
    }

    /**
     * The end of the WAL written so far, as {@code pg_current_wal_insert_lsn()} gives it just after a
     * commit: a position at or after the commit's record. At the start of a page the function counts the
     * page's header, which no flush reaches until a record follows; the page boundary bounds the commit as well.
     */
    static long commitBound(long insertPosition) {
        long inPage = insertPosition % XLOG_BLOCK;
        if (inPage == SHORT_PAGE_HEADER || inPage == LONG_PAGE_HEADER) {
            return insertPosition - inPage;
        }
        return insertPosition;
    }

    /** Returns once the WAL is on disk up to {@code lsn}; throws when that cannot be confirmed. */
    void await(long lsn) {
        if (flushed.get() >= lsn) {
            return;
        }
        Waiter waiter = new Waiter(lsn, arrivals.incrementAndGet(), Thread.currentThread());
        waiters.add(waiter);
        try {
            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            while (flushed.get() < lsn) {
                if (!live) {
                    askServer(lsn, deadline);
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw notConfirmed(lsn);
                }
                LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        } finally {
            waiters.remove(waiter);
        }
    }

    /** Without the stream: the server's own flush position, asked again every few milliseconds. */
    private void askServer(long lsn, long deadline) {
        while (System.nanoTime() < deadline) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet position = s.executeQuery("select (pg_current_wal_flush_lsn() - '0/0')::bigint")) {
                position.next();
                if (position.getLong(1) >= lsn) {
                    return;
                }
            } catch (SQLException e) {
                log.warn("The WAL flush position could not be read ({}); asking again", e.getMessage());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw notConfirmed(lsn);
    }

    private static TransactionSystemException notConfirmed(long lsn) {
        return new TransactionSystemException("The commit at WAL position " + LogSequenceNumber.valueOf(lsn)
                + " was not confirmed on disk within " + GIVE_UP.toSeconds() + " s");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    private void follow() {
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                long start;
                try (Statement s = c.createStatement(); ResultSet system = s.executeQuery("IDENTIFY_SYSTEM")) {
                    system.next();
                    start = LogSequenceNumber.valueOf(system.getString("xlogpos")).asLong();
                }
                advance(start); // IDENTIFY_SYSTEM gives the position flushed now
                PGReplicationStream stream = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                        .physical().withStartPosition(LogSequenceNumber.valueOf(start))
                        .withStatusInterval(10, TimeUnit.SECONDS).start();
                live = true;
                while (running) {
                    if (stream.read() != null) {
                        advance(stream.getLastReceiveLSN().asLong());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("The WAL flush feed stopped ({}); commits wait for their own flush until it is back",
                            e.toString());
                }
            } finally {
                live = false;
                connection = null;
                wakeAll();
            }
            if (running) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    private void advance(long position) {
        if (position <= flushed.get()) {
            return;
        }
        flushed.set(position);
        for (Waiter w : waiters) {
            if (w.lsn() > position) {
                break;
            }
            LockSupport.unpark(w.thread());
        }
    }

    private void wakeAll() {
        waiters.forEach(w -> LockSupport.unpark(w.thread()));
    }

    @Override
    public void close() {
        running = false;
        live = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.abort(Runnable::run); // the socket closed under the blocking read, which holds the connection
            } catch (SQLException ignored) {
                // closing only to end the blocking read
            }
        }
        reader.interrupt();
        wakeAll();
    }
}
