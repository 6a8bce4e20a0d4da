package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits share the WAL writer's flushes (ADR 0022): a transaction that commits without waiting for the
 * disk is answered only once a replication stream has shown its commit flushed, on a real durable server.
 */
class FlushFeedTest {

    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "shuxiang-postgres-binaries");

    @TempDir
    static Path dataDir;
    static EmbeddedPostgres server;
    static PGSimpleDataSource pool;

    @BeforeAll
    static void durableServer() throws SQLException {
        server = EmbeddedPostgres.start(dataDir, BINARIES, false, 0);
        pool = new PGSimpleDataSource();
        pool.setURL(server.jdbcUrl("shuxiang"));
        pool.setUser(server.user());
        execute("create table loan (id bigint generated always as identity primary key, barcode text not null)");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long position(String function) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select (" + function + "() - '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static FlushFeed feed() {
        return FlushFeed.start(server.jdbcUrl("shuxiang"), server.user(), "", pool);
    }

    @Test
    void the_embedded_server_flushes_often_enough_for_commits_to_share_its_flushes() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('wal_writer_delay'), "
                     + "current_setting('wal_writer_flush_after')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("2ms");
            assertThat(rs.getString(2)).isEqualTo("0");
        }
    }

    @Test
    void a_commit_that_did_not_wait_for_the_disk_is_confirmed_once_its_record_is_flushed() throws SQLException {
        try (FlushFeed feed = feed()) {
            assertThat(feed).as("a feed on the embedded server").isNotNull();
            long end;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("set local synchronous_commit = off");
                s.execute("insert into loan (barcode) values ('T0001')");
                c.commit();
                try (ResultSet rs = s.executeQuery("select (pg_current_wal_insert_lsn() - '0/0')::bigint")) {
                    rs.next();
                    end = FlushFeed.commitBound(rs.getLong(1));
                }
            }
            feed.await(end);
            assertThat(feed.flushed()).isGreaterThanOrEqualTo(end);
            assertThat(position("pg_current_wal_flush_lsn")).as("on disk, as the server says").isGreaterThanOrEqualTo(end);
        }
    }

    @Test
    void the_transaction_manager_gives_control_back_only_once_a_write_is_on_disk() throws Exception {
        try (FlushFeed feed = feed()) {
            CommittingTransactionManager manager = new CommittingTransactionManager(pool, feed);
            awaitLive(feed);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            AtomicLong written = new AtomicLong();
            new TransactionTemplate(manager).executeWithoutResult(status -> {
                jdbc.update("insert into loan (barcode) values ('T0002')");
                written.set(jdbc.queryForObject("select (pg_current_wal_insert_lsn() - '0/0')::bigint", Long.class));
                assertThat(jdbc.queryForObject("select current_setting('synchronous_commit')", String.class))
                        .as("until the commit's round trip").isEqualTo("on");
            });
            assertThat(position("pg_current_wal_flush_lsn"))
                    .as("the insert and the commit after it are on disk when the caller goes on")
                    .isGreaterThan(written.get());
            assertThat(feed.flushed()).isGreaterThan(written.get());
            assertThat(new JdbcTemplate(pool).queryForObject("select count(*) from loan where barcode = 'T0002'",
                    Integer.class)).isOne();
        }
    }

    @Test
    void with_the_stream_cut_commits_are_still_confirmed_and_the_feed_comes_back() throws Exception {
        try (FlushFeed feed = feed()) {
            CommittingTransactionManager manager = new CommittingTransactionManager(pool, feed);
            awaitLive(feed);
            execute("select pg_terminate_backend(pid) from pg_stat_replication "
                    + "where application_name = 'shuxiang-flush-feed'");
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            for (int i = 0; i < 20; i++) {
                AtomicLong written = new AtomicLong();
                String barcode = "C" + (1000 + i);
                new TransactionTemplate(manager).executeWithoutResult(status -> {
                    jdbc.update("insert into loan (barcode) values (?)", barcode);
                    written.set(jdbc.queryForObject("select (pg_current_wal_insert_lsn() - '0/0')::bigint", Long.class));
                });
                assertThat(position("pg_current_wal_flush_lsn")).isGreaterThan(written.get());
                Thread.sleep(100);
            }
            awaitLive(feed);
            assertThat(feed.live()).as("the stream reconnected").isTrue();
        }
    }

    @Test
    void a_server_whose_wal_writer_flushes_seldom_gets_no_feed_and_commits_wait_for_their_own_flush() {
        assertThat(FlushFeed.refusal(200, 128, "on")).as("PostgreSQL's defaults").contains("200 ms");
        assertThat(FlushFeed.refusal(2, 128, "on")).as("flushes held back").contains("wal_writer_flush_after");
        assertThat(FlushFeed.refusal(2, 0, "off")).as("a test server").contains("not waited for");
        assertThat(FlushFeed.refusal(2, 0, "on")).isNull();
        assertThat(FlushFeed.refusal(10, 0, "remote_apply")).isNull();
    }

    @Test
    void a_commit_is_bounded_by_the_page_boundary_when_the_end_of_the_wal_is_just_past_a_page_header() {
        long page = 8192L * 1000;
        assertThat(FlushFeed.commitBound(page + 24)).as("a page's short header").isEqualTo(page);
        assertThat(FlushFeed.commitBound(16L * 1024 * 1024 + 40)).as("a segment's long header").isEqualTo(16L * 1024 * 1024);
        assertThat(FlushFeed.commitBound(page + 512)).isEqualTo(page + 512);
    }

    private static void awaitLive(FlushFeed feed) throws InterruptedException {
        for (int i = 0; i < 100 && !feed.live(); i++) {
            Thread.sleep(50);
        }
        assertThat(feed.live()).isTrue();
    }
}
