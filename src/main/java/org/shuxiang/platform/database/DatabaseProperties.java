package org.shuxiang.platform.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With no {@code url}, Shuxiang runs an embedded PostgreSQL under
 * {@code dataDir}. Environment variables: SHUXIANG_DB_URL, SHUXIANG_DB_USER, SHUXIANG_DB_PASSWORD,
 * SHUXIANG_DATA_DIR.
 */
@ConfigurationProperties("shuxiang")
record DatabaseProperties(@DefaultValue("./data") Path dataDir, Db db) {

    /** {@code poolSize}: the connections kept open; unset, twice the processors plus one (see {@link #pool}). */
    record Db(String url, String user, String password, Integer poolSize, Embedded embedded) {

        boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * The connection pool's size: as set, or HikariCP's rule of thumb of twice the processors plus one. A
     * desk's transaction holds its connection for a millisecond or two; more connections than the cores can
     * serve only make PostgreSQL's backends and the server's threads take turns on the processors. On two
     * cores, 5 connections served 1,000 loans and returns a second with half the tail latency of 10
     * (docs/PERFORMANCE.md).
     */
    int pool(int processors) {
        return db != null && db.poolSize() != null && db.poolSize() > 0 ? db.poolSize() : 2 * processors + 1;
    }

    /** Settings of the embedded server; {@code ephemeral} is for test runs. */
    record Embedded(@DefaultValue("0") int port, @DefaultValue("false") boolean ephemeral, Path binariesDir) {
    }
}
