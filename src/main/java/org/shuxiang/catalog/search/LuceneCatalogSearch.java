package org.shuxiang.catalog.search;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.lucene.document.IntPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.RandomSamplingFacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.util.BytesRef;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.shuxiang.catalog.CatalogSearch;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.catalog.ClcClass;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The catalogue search on the Lucene index, with availability read from the database for each page. */
@Service
class LuceneCatalogSearch implements CatalogSearch {

    static final int MAX_SIZE = 100;
    /** Facets of searches with more hits than this are counted on a random sample of this many. */
    static final int FACET_SAMPLE = 10_000;
    private static final long FACET_SAMPLE_SEED = 20_261_127L;
    static final int MAX_PAGE_DEPTH = 10_000;
    private static final List<LongRange> YEARS = List.of(
            new LongRange("-1979", 1, true, 1979, true),
            new LongRange("1980-1999", 1980, true, 1999, true),
            new LongRange("2000-2009", 2000, true, 2009, true),
            new LongRange("2010-2019", 2010, true, 2019, true),
            new LongRange("2020-", 2020, true, 9999, true));

    /** How long facet counts may be shown after the index has changed: they are counts, not copies. */
    static final Duration FACETS_GOOD_FOR = Duration.ofSeconds(30);

    /** The index's part of an answer, for the reader it was computed on. */
    private record Answer(IndexReader.CacheKey reader, long live, long total, List<Hit> hits, Facets facets) {
    }

    /**
     * Recent answers by request, as search engines keep them (Solr's result cache, Elasticsearch's request
     * cache): whole while the index is unchanged, their facets for {@link #FACETS_GOOD_FOR} after.
     * Availability is never cached: it is read from the database for every page. At most
     * {@code shuxiang.search.answer-cache} answers are kept (0 keeps none).
     */
    private final Cache<SearchRequest, Answer> answers;

    private final SearchIndex index;
    private final JdbcClient jdbc;
    private final UnitHierarchy units;
    private final OrgUnits orgUnits;

    LuceneCatalogSearch(SearchIndex index, JdbcClient jdbc, UnitHierarchy units, OrgUnits orgUnits,
                        @Value("${shuxiang.search.answer-cache:5000}") int answerCache) {
        this.answers = Caffeine.newBuilder().maximumSize(Math.max(0, answerCache)).expireAfterWrite(FACETS_GOOD_FOR)
                .build();
        this.index = index;
        this.orgUnits = orgUnits;
        this.jdbc = jdbc;
        this.units = units;
    }

    @Override
    public SearchResult search(SearchRequest request) {
        int size = Math.max(1, Math.min(request.size() <= 0 ? 20 : request.size(), MAX_SIZE));
        int page = Math.max(0, Math.min(request.page(), MAX_PAGE_DEPTH / size));
        SearchRequest normalized = new SearchRequest(request.query() == null ? null : request.query().strip(), page,
                size, request.sort() == null ? CatalogSearch.Sort.RELEVANCE : request.sort(), request.unit(),
                request.availableWithin(), request.itemType(), request.clcClass(), request.language(),
                request.yearFrom(), request.yearTo());
        Answer answer = index.search((searcher, facetState) -> answer(normalized, searcher, facetState));
        return new SearchResult(request.query(), answer.total(), page, size, withAvailability(answer.hits()),
                withUnitNames(answer.facets()));
    }

    /**
     * The index's part of an answer: whole from the cache when the index has not changed since; after a
     * change, fresh hits (cheap: only the best are scored) and a fresh total with the facets counted a
     * moment ago; otherwise everything, counting every match for the total and the facets.
     */
    private Answer answer(SearchRequest request, IndexSearcher searcher, SortedSetDocValuesReaderState facetState)
            throws IOException {
        IndexReader.CacheKey reader = searcher.getIndexReader().getReaderCacheHelper().getKey();
        // a search by availability or loans also changes with every loan and return (the live values)
        long live = request.unit() != null || request.availableWithin() != null
                || request.sort() == CatalogSearch.Sort.POPULAR ? index.liveVersion() : 0;
        Answer cached = answers.getIfPresent(request);
        if (cached != null && cached.reader() == reader && cached.live() == live) {
            return cached;
        }
        Query query = filtered(request);
        int wanted = (request.page() + 1) * request.size();
        if (cached != null) {
            return new Answer(reader, live, searcher.count(query), hits(searcher, best(searcher, query, request.sort(),
                    wanted), request), cached.facets());
        }
        // two passes: the best hits alone, which lets Lucene skip what cannot make the page, then every
        // match unscored for the total and the facets
        TopDocs top = best(searcher, query, request.sort(), wanted);
        RandomSamplingFacetsCollector matches = searcher.search(query,
                RandomSamplingFacetsCollector.createManager(FACET_SAMPLE, FACET_SAMPLE_SEED));
        long total = 0;
        for (FacetsCollector.MatchingDocs leaf : matches.getOriginalMatchingDocs()) {
            total += leaf.totalHits;
        }
        Answer answer = new Answer(reader, live, total, hits(searcher, top, request),
                facets(matches, facetState));
        answers.put(request, answer);
        return answer;
    }

    /** The best {@code wanted} hits; totals are not counted here, so scoring skips what cannot compete. */
    private TopDocs best(IndexSearcher searcher, Query query, CatalogSearch.Sort order, int wanted)
            throws IOException {
        return order == CatalogSearch.Sort.RELEVANCE
                ? searcher.search(query, new TopScoreDocCollectorManager(wanted, wanted))
                : searcher.search(query, new TopFieldCollectorManager(sort(order), wanted, wanted));
    }

    private static List<Hit> hits(IndexSearcher searcher, TopDocs top, SearchRequest request) throws IOException {
        ScoreDoc[] docs = top.scoreDocs;
        List<Hit> hits = new ArrayList<>();
        var stored = searcher.storedFields();
        for (int i = request.page() * request.size(); i < docs.length; i++) {
            hits.add(hit(stored.document(docs[i].doc)));
        }
        return List.copyOf(hits);
    }

    @Override
    public List<Long> ids(SearchRequest request, int max) {
        Query query = filtered(request);
        return index.search((searcher, facetState) -> {
            var stored = searcher.storedFields();
            List<Long> ids = new ArrayList<>();
            for (ScoreDoc doc : searcher.search(query, max, new org.apache.lucene.search.Sort(
                    new SortField(RecordDocuments.ID, SortField.Type.LONG))).scoreDocs) {
                ids.add(Long.parseLong(stored.document(doc.doc).get(RecordDocuments.ID)));
            }
            return ids;
        });
    }

    private Query filtered(SearchRequest request) {
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(SearchQuery.parse(request.query()),
                BooleanClause.Occur.MUST);
        if (request.availableWithin() != null) {
            Set<String> subtree = units.subtree(request.availableWithin());
            all.add(new AvailableAtQuery(subtree, index.liveAvailability()), BooleanClause.Occur.FILTER);
        }
        if (request.unit() != null) {
            all.add(new AvailableAtQuery(Set.of(request.unit()), index.liveAvailability()), BooleanClause.Occur.FILTER);
        }
        if (request.yearFrom() != null || request.yearTo() != null) {
            all.add(IntPoint.newRangeQuery(RecordDocuments.YEAR,
                    request.yearFrom() == null ? Integer.MIN_VALUE : request.yearFrom(),
                    request.yearTo() == null ? Integer.MAX_VALUE : request.yearTo()), BooleanClause.Occur.FILTER);
        }
        DrillDownQuery drill = new DrillDownQuery(RecordDocuments.FACETS, all.build());
        if (request.itemType() != null) {
            drill.add(RecordDocuments.FACET_ITEM_TYPE, request.itemType().toUpperCase(Locale.ROOT));
        }
        if (request.clcClass() != null) {
            drill.add(RecordDocuments.FACET_CLASS, request.clcClass().toUpperCase(Locale.ROOT));
        }
        if (request.language() != null) {
            drill.add(RecordDocuments.FACET_LANGUAGE, request.language());
        }
        return drill;
    }

    private org.apache.lucene.search.Sort sort(CatalogSearch.Sort order) {
        return switch (order == null ? CatalogSearch.Sort.RELEVANCE : order) {
            case RELEVANCE -> new org.apache.lucene.search.Sort(SortField.FIELD_SCORE,
                    new SortField(RecordDocuments.ID, SortField.Type.LONG));
            case NEWEST -> new org.apache.lucene.search.Sort(
                    new SortField(RecordDocuments.YEAR_VALUE, SortField.Type.LONG, true),
                    new SortField(RecordDocuments.ID, SortField.Type.LONG, true));
            case POPULAR -> new org.apache.lucene.search.Sort(
                    new LoansSource(index.liveAvailability()).getSortField(true),
                    SortField.FIELD_SCORE, new SortField(RecordDocuments.ID, SortField.Type.LONG));
        };
    }

    /**
     * Facet counts over the hits, or over a random sample of {@link #FACET_SAMPLE} of them scaled up to
     * all when there are more: counting is what a broad search costs, and an estimate reads the same.
     */
    private Facets facets(RandomSamplingFacetsCollector collector, SortedSetDocValuesReaderState state)
            throws IOException {
        collector.getMatchingDocs(); // draws the sample when there are more hits than it holds, and sets its rate
        double rate = collector.getSamplingRate();
        double scale = rate > 0 && rate < 1 ? 1 / rate : 1;
        List<FacetValue> unit = List.of();
        List<FacetValue> itemType = List.of();
        List<FacetValue> clcClass = List.of();
        List<FacetValue> language = List.of();
        unit = unitCounts(collector, 30, scale, index.liveAvailability());
        if (state != null) {
            SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, collector);
            itemType = values(counts, RecordDocuments.FACET_ITEM_TYPE, 10, false, scale);
            clcClass = values(counts, RecordDocuments.FACET_CLASS, 22, true, scale);
            language = values(counts, RecordDocuments.FACET_LANGUAGE, 20, false, scale);
        }
        LongRangeFacetCounts years = new LongRangeFacetCounts(RecordDocuments.YEAR_VALUE, collector,
                YEARS.toArray(LongRange[]::new));
        List<FacetValue> year = new ArrayList<>();
        for (LabelAndValue lv : years.getAllChildren(RecordDocuments.YEAR_VALUE).labelValues) {
            if (lv.value.longValue() > 0) {
                year.add(new FacetValue(lv.label, lv.label, Math.round(lv.value.longValue() * scale)));
            }
        }
        return new Facets(unit, itemType, clcClass, language, year, scale > 1);
    }

    /** The units where the (sampled) hits have a copy on the shelf, most first, from the availability doc values. */
    private static List<FacetValue> unitCounts(FacetsCollector collector, int top, double scale,
                                               Map<Long, RecordDocuments.Live> live) throws IOException {
        Map<String, int[]> counts = new HashMap<>();
        for (FacetsCollector.MatchingDocs leaf : collector.getMatchingDocs()) {
            if (leaf.bits == null) {
                continue;
            }
            RecordDocuments.LiveValues values = new RecordDocuments.LiveValues(leaf.context.reader(), live);
            org.apache.lucene.search.DocIdSetIterator docs = leaf.bits.iterator();
            for (int doc = docs.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                 doc = docs.nextDoc()) {
                BytesRef available = values.available(doc);
                if (available != null) {
                    int start = available.offset;
                    int end = available.offset + available.length;
                    for (int i = start; i < end; i++) {
                        if (available.bytes[i] == '\n') {
                            String unit = new String(available.bytes, start, i - start,
                                    java.nio.charset.StandardCharsets.UTF_8);
                            counts.computeIfAbsent(unit, k -> new int[1])[0]++;
                            start = i + 1;
                        }
                    }
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, int[]>comparingByValue((a, b) -> Integer.compare(b[0], a[0]))
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .map(e -> new FacetValue(e.getKey(), e.getKey(), Math.round(e.getValue()[0] * scale)))
                .toList();
    }

    private static List<FacetValue> values(org.apache.lucene.facet.Facets counts, String dimension, int top,
                                           boolean clc, double scale) throws IOException {
        FacetResult result;
        try {
            result = counts.getTopChildren(top, dimension);
        } catch (IllegalArgumentException dimensionNotIndexedYet) {
            return List.of();
        }
        if (result == null) {
            return List.of();
        }
        List<FacetValue> values = new ArrayList<>();
        for (LabelAndValue lv : result.labelValues) {
            String label = clc ? ClcClass.valueOf(lv.label).chineseName() : lv.label;
            values.add(new FacetValue(lv.label, label, Math.round(lv.value.longValue() * scale)));
        }
        return values;
    }

    /** The unit facet labelled with the units' names, read in one query. */
    private Facets withUnitNames(Facets facets) {
        Map<String, String> names = orgUnits.namesOf(facets.unit().stream().map(FacetValue::value).toList());
        List<FacetValue> units = facets.unit().stream()
                .map(f -> new FacetValue(f.value(), names.getOrDefault(f.value(), f.value()), f.count())).toList();
        return new Facets(units, facets.itemType(), facets.clcClass(), facets.language(), facets.year(),
                facets.estimated());
    }

    /** A hit as the index stored it; availability comes after, from the database. */
    private static Hit hit(org.apache.lucene.document.Document doc) {
        var year = doc.getField(RecordDocuments.SHOW_YEAR);
        return new Hit(Long.parseLong(doc.get(RecordDocuments.ID)), doc.get(RecordDocuments.TITLE),
                doc.get(RecordDocuments.SHOW_AUTHOR), doc.get(RecordDocuments.SHOW_PUBLISHER),
                year == null ? null : year.numericValue().intValue(),
                List.of(doc.getValues(RecordDocuments.SHOW_ISBN)), doc.get(RecordDocuments.SHOW_CLC), null, null);
    }

    /** The page's hits with call numbers and copies where they are now: one query whatever the page size. */
    private List<Hit> withAvailability(List<Hit> hits) {
        if (hits.isEmpty()) {
            return hits;
        }
        Map<Long, Map<String, int[]>> copies = new HashMap<>();
        Map<Long, String> callNumbers = new HashMap<>();
        jdbc.sql("""
                        select b.id, b.call_number, i.current_unit, i.status, count(i.id)
                        from bib_record b left join item i on i.record_id = b.id and i.status <> 'WITHDRAWN'
                        where b.id = any(:ids)
                        group by b.id, b.call_number, i.current_unit, i.status""")
                .param("ids", hits.stream().map(Hit::id).toArray(Long[]::new))
                .query(rs -> {
                    long id = rs.getLong(1);
                    callNumbers.put(id, rs.getString(2));
                    if (rs.getString(3) != null) {
                        int[] counts = copies.computeIfAbsent(id, k -> new TreeMap<>())
                                .computeIfAbsent(rs.getString(3), k -> new int[5]);
                        counts[statusSlot(rs.getString(4))] += rs.getInt(5);
                    }
                });
        return hits.stream().map(h -> new Hit(h.id(), h.title(), h.author(), h.publisher(), h.year(), h.isbns(),
                h.clcNumber(), callNumbers.get(h.id()), availability(copies.getOrDefault(h.id(), Map.of())))).toList();
    }

    private static int statusSlot(String status) {
        return switch (status) {
            case "AVAILABLE" -> 0;
            case "ON_LOAN" -> 1;
            case "IN_TRANSIT" -> 2;
            case "ON_HOLD_SHELF" -> 3;
            default -> 4;
        };
    }

    private static Availability availability(Map<String, int[]> byUnit) {
        int[] total = new int[5];
        Map<String, Integer> onShelf = new LinkedHashMap<>();
        byUnit.forEach((unit, counts) -> {
            for (int i = 0; i < 5; i++) {
                total[i] += counts[i];
            }
            if (counts[0] > 0) {
                onShelf.put(unit, counts[0]);
            }
        });
        return new Availability(total[0], total[1], total[2], total[3], total[4],
                onShelf.entrySet().stream().map(e -> new UnitCount(e.getKey(), e.getValue())).toList());
    }
}
