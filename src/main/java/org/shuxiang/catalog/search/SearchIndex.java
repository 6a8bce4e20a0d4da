package org.shuxiang.catalog.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The catalogue's Lucene index: derived data that follows the database. A tailer reads the records
 * changed since the oldest transaction that was still running at its previous read (see the change
 * log in migration V4), so a change is searchable well within a second of its commit, nothing
 * committed is skipped, and after a restart the index catches up from where its last commit left
 * off. {@link #rebuild()} builds a new index beside the live one and swaps it in while searches go on.
 */
@Component
public class SearchIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final String XMIN = "xmin";
    /** Where the live values not folded into a commit are read again from at a start (see {@link #liveFrom}). */
    private static final String LIVE_FROM = "liveFrom";
    /**
     * The layout of the documents; an index of another layout is rebuilt at start. 4: the structure digest is
     * the database's (an index of 3 would take every record's first loan for a change of structure).
     */
    private static final String SCHEMA = "schema";
    static final String SCHEMA_VERSION = "4";
    private static final int PAGE = 500;
    private static final long COMMIT_EVERY_NANOS = 5_000_000_000L;
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final java.util.concurrent.ExecutorService indexers = java.util.concurrent.Executors.newFixedThreadPool(
            WORKERS, runnable -> {
                Thread thread = new Thread(runnable, "search-indexer");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * One index directory with its writer and searchers. {@code written}: the structure of each document
     * written lately (those written since the searchers last refreshed, which they do not show yet, and
     * more), so that a record lent again and again is not looked up in the index each time. Kept up to
     * {@value #KEEP_WRITTEN} records.
     */
    private record Generation(Path dir, FSDirectory directory, IndexWriter writer, SearcherManager searchers,
                              Map<Long, Long> written) {
        void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    /** Facet ordinals of one reader, rebuilt when the reader changes. */
    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
    }

    private final IndexSources sources;
    private final JdbcClient jdbc;
    private final Path root;
    private final boolean ephemeral;
    private final Object writeLock = new Object();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private volatile Generation live;
    private volatile String xmin = "1";
    /**
     * The records indexed by recent passes with the transaction that had last changed them: a pass
     * reads again every change since the oldest transaction running at the previous one, and skips
     * those it has already indexed as they are. Entries older than that transaction are let go.
     */
    private final Map<Long, Long> indexedAt = new java.util.HashMap<>();
    /**
     * Availability and loan counts of records lent or returned since their documents were written, by
     * record: read by searches before the doc values, and folded into the doc values at a quiet moment.
     * Updating doc values in place rewrites the whole column of each segment touched at the next
     * refresh: with loans all over a large catalogue, that was most of the index's work.
     */
    private final java.util.concurrent.ConcurrentHashMap<Long, RecordDocuments.Live> liveValues =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong liveVersion = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Folding the live values into the doc values rewrites the two columns of every segment a loan touched:
     * about a second of a core on a million records, whatever the number of values. It waits for a quiet
     * spell ({@value #FOLD_WHEN_QUIET_SECONDS} s without a change), and comes at the latest after
     * {@value #FOLD_AT_LATEST_SECONDS} s or at {@value #FOLD_AT_VALUES} values; and at every stop.
     */
    static final long FOLD_WHEN_QUIET_SECONDS = 60;
    static final long FOLD_AT_LATEST_SECONDS = 2 * 3600;
    static final int FOLD_AT_VALUES = 500_000;
    /**
     * The change log's position at the last fold. A commit without a fold keeps it beside its own position;
     * a start catches up from it, so that the live values of changes since are read again: they are not in
     * the doc values.
     */
    private String liveFrom = "1";
    private long lastFold = System.nanoTime();
    private long lastChange = System.nanoTime();
    static final int KEEP_WRITTEN = 200_000;
    /** Whether the last pass wrote or deleted documents (not only live values). */
    private boolean documentsWritten;
    private volatile FacetState facets;
    private volatile boolean running;
    private boolean outdated;
    private long lastCommit = System.nanoTime();
    private long lastRefresh = System.nanoTime();
    private boolean unrefreshed;
    static final long REFRESH_EVERY_MILLIS = 500;
    static final long IDLE_MILLIS = 200;
    /**
     * The tailer's pause after a pass that found a few changes: at a busy desk's pace (a thousand loans and
     * returns a second) it otherwise went round at once, five queries a pass for a handful of records, and
     * took an eighth of the server's CPU and a share of the database's. Paced, a pass takes a tenth of a
     * second's changes in one go; a loan still shows in searches within a few tenths of a second. A full
     * page (an import, a backlog) goes on at once.
     */
    static final long PACE_MILLIS = 100;
    private boolean dirty;
    private Thread tailer;

    SearchIndex(IndexSources sources, JdbcClient jdbc, @Value("${shuxiang.data-dir:./data}") Path dataDir,
                @Value("${shuxiang.search.ephemeral:false}") boolean ephemeral) throws IOException {
        this.sources = sources;
        this.jdbc = jdbc;
        this.ephemeral = ephemeral;
        this.root = ephemeral ? Files.createTempDirectory("shuxiang-search-") : dataDir.resolve("search-index");
    }

    @Override
    public void start() {
        try {
            Files.createDirectories(root);
            Path current = root.resolve("CURRENT");
            String name = Files.exists(current) ? Files.readString(current, StandardCharsets.UTF_8).trim() : null;
            live = open(name == null ? newGenerationDir() : root.resolve(name));
            if (name == null) {
                writeCurrent(live.dir());
            }
            Map<String, String> committed = live.writer().getLiveCommitData() == null ? Map.of()
                    : toMap(live.writer().getLiveCommitData());
            xmin = committed.getOrDefault(LIVE_FROM, committed.getOrDefault(XMIN, "1"));
            liveFrom = xmin;
            if (name != null && !SCHEMA_VERSION.equals(committed.get(SCHEMA))) {
                outdated = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + root, e);
        }
        running = true;
        tailer = new Thread(this::follow, "search-index-tailer");
        tailer.setDaemon(true);
        tailer.start();
        if (outdated) {
            log.info("The search index has an older layout; rebuilding it while searches go on");
            Thread rebuild = new Thread(this::rebuild, "search-index-rebuild");
            rebuild.setDaemon(true);
            rebuild.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (tailer != null) {
            tailer.interrupt();
            try {
                tailer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        indexers.shutdown();
        synchronized (writeLock) {
            try {
                commit(live, xmin, true);
                live.close();
                if (ephemeral) {
                    deleteTree(root);
                }
            } catch (IOException e) {
                log.warn("Closing the search index: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Brings the index up to date with every committed change now, and makes it searchable. */
    public int catchUp() {
        return catchUp(true);
    }

    /**
     * @param refreshNow make the changes searchable at once; otherwise (the tailer) at most every
     *                   {@value #REFRESH_EVERY_MILLIS} ms, which keeps a busy desk from turning every few
     *                   changes into a new segment to merge, and still within the second
     */
    private int catchUp(boolean refreshNow) {
        synchronized (writeLock) {
            try {
                String next = sources.snapshotXmin();
                int applied = applyChangesSince(live, xmin, indexedAt);
                long now = System.nanoTime();
                if (applied > 0) {
                    lastChange = now;
                    log.debug("Indexed {} changed records from transaction {} on; the oldest running is {}",
                            applied, xmin, next);
                }
                xmin = next;
                long oldest = Long.parseLong(next);
                indexedAt.values().removeIf(xid -> xid < oldest);
                // live values need no refresh: searches read them at once
                if (documentsWritten) {
                    documentsWritten = false;
                    dirty = true;
                    unrefreshed = true;
                }
                if (unrefreshed && (refreshNow || System.nanoTime() - lastRefresh >= REFRESH_EVERY_MILLIS * 1_000_000)) {
                    live.searchers().maybeRefreshBlocking();
                    lastRefresh = System.nanoTime();
                    unrefreshed = false;
                }
                if (!unrefreshed && live.written().size() > KEEP_WRITTEN) {
                    live.written().clear(); // the searchers show them all: they can be looked up again
                }
                boolean fold = !liveValues.isEmpty() && (now - lastChange > FOLD_WHEN_QUIET_SECONDS * 1_000_000_000L
                        || now - lastFold > FOLD_AT_LATEST_SECONDS * 1_000_000_000L
                        || liveValues.size() >= FOLD_AT_VALUES);
                if (fold || dirty && now - lastCommit > COMMIT_EVERY_NANOS) {
                    commit(live, xmin, fold);
                }
                return applied;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Builds a whole new index from the database beside the live one, catches it up with the changes
     * made meanwhile and swaps it in; searches use the old index until the swap.
     *
     * @return the number of records indexed, or -1 when a rebuild is already running
     */
    public long rebuild() {
        if (!rebuilding.compareAndSet(false, true)) {
            return -1;
        }
        try {
            String start = sources.snapshotXmin();
            Generation fresh = open(newGenerationDir());
            long count = 0;
            long after = 0;
            List<Long> ids;
            while (!(ids = jdbc.sql("select id from bib_record where id > :after order by id limit :limit")
                    .param("after", after).param("limit", PAGE).query(Long.class).list()).isEmpty()) {
                apply(fresh, ids);
                fresh.written().clear(); // nothing of the new index is searchable yet: each record is built whole
                count += ids.size();
                after = ids.get(ids.size() - 1);
            }
            synchronized (writeLock) {
                String next = sources.snapshotXmin();
                applyChangesSince(fresh, start, new java.util.HashMap<>());
                commit(fresh, next, true);
                fresh.searchers().maybeRefreshBlocking();
                fresh.written().clear();
                Generation old = live;
                live = fresh;
                xmin = next;
                indexedAt.clear();
                facets = null;
                writeCurrent(fresh.dir());
                old.close();
                deleteTree(old.dir());
            }
            log.info("Rebuilt the search index: {} records", count);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            rebuilding.set(false);
        }
    }

    /** Runs {@code work} on a current searcher and releases it afterwards. */
    <T> T search(SearchWork<T> work) {
        Generation generation = live;
        try {
            IndexSearcher searcher = generation.searchers().acquire();
            try {
                return work.apply(searcher, facetState(searcher));
            } finally {
                generation.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the structures of documents written lately, as after a restart (for tests). */
    void forgetWrittenStructures() {
        synchronized (writeLock) {
            live.written().clear();
        }
    }

    /** Catches up and commits now, folding the live values into the index (for tests). */
    void commitNow() {
        catchUpAndCommit(true);
    }

    /** Catches up and commits now, keeping the live values beside the index, as the tailer does (for tests). */
    void commitKeepingLiveValues() {
        catchUpAndCommit(false);
    }

    private void catchUpAndCommit(boolean fold) {
        synchronized (writeLock) {
            catchUp(true);
            try {
                commit(live, xmin, fold);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** As if the server died and started again: what was not committed, and all in memory, is lost (for tests). */
    void restartAfterCrash() throws IOException, InterruptedException {
        running = false;
        tailer.interrupt();
        tailer.join(10_000);
        synchronized (writeLock) {
            live.searchers().close();
            live.writer().rollback();
            live.directory().close();
            liveValues.clear();
            indexedAt.clear();
            dirty = false;
            unrefreshed = false;
            facets = null;
        }
        start();
    }

    /** The live availability and loan counts (see {@link #liveValues}), for the searches to read. */
    Map<Long, RecordDocuments.Live> liveAvailability() {
        return liveValues;
    }

    /** Changes whenever a live value changes: answers that read them are good only as long as it stands. */
    long liveVersion() {
        return liveVersion.get();
    }

    interface SearchWork<T> {
        T apply(IndexSearcher searcher, SortedSetDocValuesReaderState facets) throws IOException;
    }

    private SortedSetDocValuesReaderState facetState(IndexSearcher searcher) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        FacetState cached = facets;
        if (cached != null && cached.reader() == reader) {
            return cached.state();
        }
        SortedSetDocValuesReaderState state;
        try {
            state = new DefaultSortedSetDocValuesReaderState(reader, RecordDocuments.FACETS);
        } catch (IllegalArgumentException noFacetsYet) {
            state = null;
        }
        facets = new FacetState(reader, state);
        return state;
    }

    private void follow() {
        while (running) {
            try {
                int applied = catchUp(false);
                if (applied == 0) {
                    Thread.sleep(IDLE_MILLIS);
                } else if (applied < PAGE) {
                    Thread.sleep(PACE_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Following catalogue changes failed ({}); retrying", e.toString());
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private int applyChangesSince(Generation generation, String since, Map<Long, Long> seen) throws IOException {
        int applied = 0;
        IndexSources.Change after = new IndexSources.Change(0, since);
        List<IndexSources.Change> changes;
        while (!(changes = sources.changedSince(since, after, PAGE)).isEmpty()) {
            Map<Long, Long> fresh = new java.util.LinkedHashMap<>();
            for (IndexSources.Change change : changes) {
                long xid = Long.parseLong(change.xid());
                Long before = seen.get(change.id());
                if (before == null || before != xid) {
                    fresh.put(change.id(), xid);
                }
            }
            if (!fresh.isEmpty()) {
                apply(generation, List.copyOf(fresh.keySet()));
                seen.putAll(fresh);
                applied += fresh.size();
            }
            if (changes.size() < PAGE) {
                break; // the last page: asking for the next would find it empty
            }
            after = changes.get(changes.size() - 1);
        }
        return applied;
    }

    /**
     * Indexes a page of records. A record whose document was built from the same structure (its version,
     * call number and copies: {@link IndexSource#structure()}) only had copies lent or returned: its
     * availability and loan count are updated in place, without reading its MARC or analysing its text.
     * The others are read whole and analysed on every core (the writer is thread-safe).
     */
    private void apply(Generation generation, List<Long> ids) throws IOException {
        Set<Long> missing = new HashSet<>(ids);
        List<IndexSource> light = sources.light(ids);
        light.forEach(source -> missing.remove(source.id()));
        Map<Long, Long> indexed = indexedStructures(generation, light);
        List<IndexSource> whole = new java.util.ArrayList<>();
        for (IndexSource source : light) {
            long structure = source.structure();
            Long before = indexed.get(source.id());
            if (before != null && before == structure) {
                generation.written().put(source.id(), structure);
                liveValues.put(source.id(), new RecordDocuments.Live(RecordDocuments.availability(source.availableAt()),
                        source.loanCount()));
                liveVersion.incrementAndGet();
            } else {
                whole.add(source);
                generation.written().put(source.id(), structure);
            }
        }
        if (!whole.isEmpty() || !missing.isEmpty()) {
            documentsWritten = true;
        }
        List<IndexSource> loaded = whole.isEmpty() ? List.of() : sources.whole(whole);
        int parts = Math.min(WORKERS, Math.max(1, loaded.size() / 50));
        List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
        for (int part = 0; part < parts && !loaded.isEmpty(); part++) {
            List<IndexSource> slice = loaded.subList(part * loaded.size() / parts, (part + 1) * loaded.size() / parts);
            work.add(indexers.submit(() -> {
                for (IndexSource source : slice) {
                    generation.writer().updateDocument(new Term(RecordDocuments.ID, Long.toString(source.id())),
                            RecordDocuments.document(source));
                    // the new document carries the availability of now
                    if (liveValues.remove(source.id()) != null) {
                        liveVersion.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> done : work) {
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while indexing", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        for (Long id : missing) {
            liveValues.remove(id);
            generation.written().remove(id);
            generation.writer().deleteDocuments(new Term(RecordDocuments.ID, Long.toString(id)));
        }
    }

    /**
     * The structure each record's document was built from: written since the last refresh (which the
     * searchers do not show yet), else as the index shows it. Absent for a record not in the index.
     */
    private Map<Long, Long> indexedStructures(Generation generation, List<IndexSource> sources) throws IOException {
        Map<Long, Long> structures = new HashMap<>();
        List<Long> toLook = new java.util.ArrayList<>();
        for (IndexSource source : sources) {
            Long written = generation.written().get(source.id());
            if (written != null) {
                structures.put(source.id(), written);
            } else {
                toLook.add(source.id());
            }
        }
        if (toLook.isEmpty()) {
            return structures;
        }
        IndexSearcher searcher = generation.searchers().acquire();
        try {
            // straight to each segment's postings: a search with its scorer and collector per record
            // cost more than the lookup itself
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                org.apache.lucene.index.Terms terms = leaf.reader().terms(RecordDocuments.ID);
                if (terms == null) {
                    continue;
                }
                org.apache.lucene.index.TermsEnum ids = terms.iterator();
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                NumericDocValues values = leaf.reader().getNumericDocValues(RecordDocuments.STRUCTURE);
                org.apache.lucene.index.PostingsEnum postings = null;
                for (Long id : toLook) {
                    if (structures.containsKey(id)
                            || !ids.seekExact(new org.apache.lucene.util.BytesRef(Long.toString(id)))) {
                        continue;
                    }
                    postings = ids.postings(postings, org.apache.lucene.index.PostingsEnum.NONE);
                    for (int doc = postings.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                         doc = postings.nextDoc()) {
                        if ((live == null || live.get(doc)) && values != null && values.advanceExact(doc)) {
                            structures.put(id, values.longValue());
                            break;
                        }
                    }
                    values = leaf.reader().getNumericDocValues(RecordDocuments.STRUCTURE); // forward only
                }
            }
        } finally {
            generation.searchers().release(searcher);
        }
        return structures;
    }

    /**
     * Commits the index up to a position in the change log. The live values are folded into the doc
     * values first, so that the commit holds all it says it does; once searchers show them, the live
     * values that did not change meanwhile are let go.
     */
    private void commit(Generation generation, String upTo, boolean fold) throws IOException {
        long start = System.nanoTime();
        List<Map.Entry<Long, RecordDocuments.Live>> folded = fold ? List.copyOf(liveValues.entrySet()) : List.of();
        for (Map.Entry<Long, RecordDocuments.Live> entry : folded) {
            generation.writer().updateDocValues(new Term(RecordDocuments.ID, Long.toString(entry.getKey())),
                    new BinaryDocValuesField(RecordDocuments.AVAILABLE, entry.getValue().available()),
                    new NumericDocValuesField(RecordDocuments.LOANS, entry.getValue().loans()));
        }
        if (fold || liveValues.isEmpty()) {
            liveFrom = upTo; // every change before it is in the documents or the doc values
        }
        generation.writer().setLiveCommitData(
                Map.of(XMIN, upTo, LIVE_FROM, liveFrom, SCHEMA, SCHEMA_VERSION).entrySet());
        generation.writer().commit();
        if (!folded.isEmpty()) {
            generation.searchers().maybeRefreshBlocking();
            folded.forEach(entry -> liveValues.remove(entry.getKey(), entry.getValue()));
        }
        lastCommit = System.nanoTime();
        if (fold) {
            lastFold = lastCommit;
        }
        dirty = false;
        log.debug("Committed the search index up to transaction {}, {} live values folded in, in {} ms", upTo,
                folded.size(), (lastCommit - start) / 1_000_000);
    }

    private Generation open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FSDirectory directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.INDEX)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        IndexWriter writer = new IndexWriter(directory, config);
        return new Generation(dir, directory, writer, new SearcherManager(writer, null),
                new java.util.concurrent.ConcurrentHashMap<>());
    }

    private Path newGenerationDir() {
        return root.resolve("index-" + System.currentTimeMillis());
    }

    private void writeCurrent(Path dir) throws IOException {
        Path temp = root.resolve("CURRENT.tmp");
        Files.writeString(temp, dir.getFileName().toString(), StandardCharsets.UTF_8);
        Files.move(temp, root.resolve("CURRENT"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> toMap(Iterable<Map.Entry<String, String>> entries) {
        Map<String, String> map = new java.util.HashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
