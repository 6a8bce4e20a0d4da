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

    record Db(String url, String user, String password, @DefaultValue("10") int poolSize, Embedded embedded) {

        boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** Settings of the embedded server; {@code ephemeral} is for test runs. */
    record Embedded(@DefaultValue("0") int port, @DefaultValue("false") boolean ephemeral, Path binariesDir) {
    }
}
