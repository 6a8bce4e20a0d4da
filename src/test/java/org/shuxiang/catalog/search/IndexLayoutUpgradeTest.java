package org.shuxiang.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An index written by an earlier version, whose documents lack what searches now read (availability
 * as doc values), is rebuilt from the database when the application starts on it, while searches go on.
 */
@IntegrationTest
class IndexLayoutUpgradeTest {

    @Autowired
    IndexSources sources;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path data;

    @Test
    void an_index_of_an_older_layout_is_rebuilt_at_start() throws Exception {
        Path root = data.resolve("search-index");
        Path old = root.resolve("index-1");
        Files.createDirectories(old);
        try (FSDirectory directory = FSDirectory.open(old);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Document stale = new Document();
            stale.add(new StringField(RecordDocuments.ID, "999999999", Field.Store.YES));
            stale.add(new StringField("available_at", "TL-24H-01", Field.Store.NO));
            writer.addDocument(stale);
            writer.setLiveCommitData(Map.of("xmin", "1").entrySet());
            writer.commit();
        }
        Files.writeString(root.resolve("CURRENT"), "index-1", StandardCharsets.UTF_8);
        long records = jdbc.sql("select count(*) from bib_record").query(Long.class).single();

        SearchIndex index = new SearchIndex(sources, jdbc, data, false);
        index.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            // the swap writes CURRENT first and deletes the old generation after it, so wait for both
            while ((Files.readString(root.resolve("CURRENT"), StandardCharsets.UTF_8).trim().equals("index-1")
                    || Files.exists(old)) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(root.resolve("CURRENT"), StandardCharsets.UTF_8).trim())
                    .as("a new generation swapped in").isNotEqualTo("index-1");
            Path current = root.resolve(Files.readString(root.resolve("CURRENT"), StandardCharsets.UTF_8).trim());
            try (FSDirectory directory = FSDirectory.open(current);
                 DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(reader.getIndexCommit().getUserData()).containsEntry("schema", SearchIndex.SCHEMA_VERSION);
                assertThat((long) reader.numDocs()).isEqualTo(records);
                assertThat(reader.leaves().stream().allMatch(leaf -> leaf.reader().getFieldInfos()
                        .fieldInfo(RecordDocuments.AVAILABLE) != null)).isTrue();
            }
            assertThat(Files.exists(old)).as("the old generation is deleted").isFalse();
        } finally {
            index.stop();
        }
    }
}
