package org.shuxiang.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class EmbeddedDatabaseFailureAnalyzerTest {

    @Test
    void when_the_embedded_database_cannot_start_the_user_is_told_why_and_how_to_use_a_server() {
        var failure = new BeanCreationException("databaseServer",
                new EmbeddedDatabaseException("PostgreSQL exited at start with code 1: could not bind"));
        FailureAnalysis analysis = new EmbeddedDatabaseFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("embedded PostgreSQL").contains("could not bind");
        assertThat(analysis.getAction()).contains("SHUXIANG_DB_URL").contains("SHUXIANG_DATA_DIR");
    }
}
