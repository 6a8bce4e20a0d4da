package org.shuxiang.platform.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Tells the user why the embedded database did not start and how to use a PostgreSQL server instead. */
class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseException cause) {
        return new FailureAnalysis(
                "Shuxiang could not start its embedded PostgreSQL: " + cause.getMessage(),
                """
                Either fix the cause above (SHUXIANG_DATA_DIR chooses where the embedded database keeps its \
                files), or point Shuxiang at a PostgreSQL server (version 15 or newer) instead:
                    SHUXIANG_DB_URL=jdbc:postgresql://HOST:5432/DATABASE
                    SHUXIANG_DB_USER=USER
                    SHUXIANG_DB_PASSWORD=PASSWORD""",
                cause);
    }
}
