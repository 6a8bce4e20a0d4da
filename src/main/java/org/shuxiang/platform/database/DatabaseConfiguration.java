package org.shuxiang.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: a PostgreSQL server named by SHUXIANG_DB_URL, or else the embedded one.
 * The DataSource depends on the server bean, so it is closed before the server stops.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** The server behind the DataSource; closing it stops the embedded one, if any. */
    record DatabaseServer(String url, String user, String password, EmbeddedPostgres embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties) throws IOException {
        DatabaseProperties.Db db = properties.db();
        if (db != null && db.external()) {
            log.info("Using the PostgreSQL server at {}", db.url());
            return new DatabaseServer(db.url(), db.user(), db.password(), null);
        }
        DatabaseProperties.Embedded settings = db == null || db.embedded() == null
                ? new DatabaseProperties.Embedded(0, false, null) : db.embedded();
        Path dataDir = settings.ephemeral()
                ? Files.createTempDirectory("shuxiang-test-db-")
                : properties.dataDir().resolve("postgres");
        Path binaries = settings.binariesDir() != null ? settings.binariesDir()
                : settings.ephemeral() ? Path.of(System.getProperty("java.io.tmpdir"), "shuxiang-postgres-binaries")
                : properties.dataDir().resolve("postgres-binaries");
        EmbeddedPostgres server = EmbeddedPostgres.start(dataDir, binaries, settings.ephemeral(), settings.port());
        return new DatabaseServer(server.jdbcUrl("shuxiang"), server.user(), "", server);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseServer server, DatabaseProperties properties,
                                @Value("${shuxiang.time-zone:Asia/Shanghai}") ZoneId zone) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("shuxiang");
        config.setJdbcUrl(server.url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(properties.pool(Runtime.getRuntime().availableProcessors()));
        // JDBC batches become multi-row inserts: imports write hundreds of rows a statement
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // the database's day is the library's: current_date and a timestamp's ::date mean the date in the
        // network's zone (a suspension until the 5th ends at midnight in Tongling, not eight hours later)
        config.setConnectionInitSql("set time zone '" + zone.getId() + "'");
        return new HikariDataSource(config);
    }

    /** Spring's JDBC transactions, with {@link WritesAtCommit} sent together with the commit. */
    @Bean(NamedTransactionManager.BEAN_NAME)
    CommittingTransactionManager transactionManager(javax.sql.DataSource dataSource) {
        return new CommittingTransactionManager(dataSource);
    }

    /** Every {@code @Transactional} method that names no transaction manager is given this one's name. */
    @Bean
    static NamedTransactionManager namedTransactionManager(org.springframework.beans.factory.ListableBeanFactory beans) {
        return new NamedTransactionManager(beans);
    }
}
