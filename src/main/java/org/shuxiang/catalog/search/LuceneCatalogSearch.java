package org.shuxiang.catalog.search;

import java.io.IOException;
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
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.shuxiang.catalog.CatalogSearch;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.catalog.ClcClass;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The catalogue search on the Lucene index, with availability read from the database for each page. */
@Service
class LuceneCatalogSearch implements CatalogSearch {

    static final int MAX_SIZE = 100;
    static final int MAX_PAGE_DEPTH = 10_000;
    private static final List<LongRange> YEARS = List.of(
            new LongRange("-1979", 1, true, 1979, true),
            new LongRange("1980-1999", 1980, true, 1999, true),
            new LongRange("2000-2009", 2000, true, 2009, true),
            new LongRange("2010-2019", 2010, true, 2019, true),
            new LongRange("2020-", 2020, true, 9999, true));

    private final SearchIndex index;
    private final JdbcClient jdbc;
    private final UnitHierarchy units;
    private final OrgUnits orgUnits;

    LuceneCatalogSearch(SearchIndex index, JdbcClient jdbc, UnitHierarchy units, OrgUnits orgUnits) {
        this.index = index;
        this.orgUnits = orgUnits;
        this.jdbc = jdbc;
        this.units = units;
    }

    @Override
    public SearchResult search(SearchRequest request) {
        int size = Math.max(1, Math.min(request.size() <= 0 ? 20 : request.size(), MAX_SIZE));
        int page = Math.max(0, Math.min(request.page(), MAX_PAGE_DEPTH / size));
        Query query = filtered(request);
        record Found(long total, List<Hit> hits, Facets facets) {
        }
        Found found = index.search((searcher, facetState) -> {
            FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, query,
                    (page + 1) * size, sort(request.sort()), new FacetsCollectorManager());
            ScoreDoc[] docs = result.topDocs().scoreDocs;
            List<Hit> hits = new ArrayList<>();
            var stored = searcher.storedFields();
            for (int i = page * size; i < docs.length; i++) {
                hits.add(hit(stored.document(docs[i].doc)));
            }
            return new Found(result.topDocs().totalHits.value, hits,
                    facets(result.facetsCollector(), facetState));
        });
        return new SearchResult(request.query(), found.total(), page, size, withAvailability(found.hits()),
                withUnitNames(found.facets()));
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
            all.add(new TermInSetQuery(RecordDocuments.AVAILABLE_AT,
                    subtree.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        if (request.unit() != null) {
            all.add(new TermQuery(new Term(RecordDocuments.AVAILABLE_AT, request.unit())), BooleanClause.Occur.FILTER);
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

    private static org.apache.lucene.search.Sort sort(CatalogSearch.Sort order) {
        return switch (order == null ? CatalogSearch.Sort.RELEVANCE : order) {
            case RELEVANCE -> new org.apache.lucene.search.Sort(SortField.FIELD_SCORE,
                    new SortField(RecordDocuments.ID, SortField.Type.LONG));
            case NEWEST -> new org.apache.lucene.search.Sort(
                    new SortField(RecordDocuments.YEAR_VALUE, SortField.Type.LONG, true),
                    new SortField(RecordDocuments.ID, SortField.Type.LONG, true));
            case POPULAR -> new org.apache.lucene.search.Sort(
                    new SortField(RecordDocuments.LOANS, SortField.Type.LONG, true),
                    SortField.FIELD_SCORE, new SortField(RecordDocuments.ID, SortField.Type.LONG));
        };
    }

    private static Facets facets(FacetsCollector collector, SortedSetDocValuesReaderState state) throws IOException {
        List<FacetValue> unit = List.of();
        List<FacetValue> itemType = List.of();
        List<FacetValue> clcClass = List.of();
        List<FacetValue> language = List.of();
        if (state != null) {
            SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, collector);
            unit = values(counts, RecordDocuments.FACET_UNIT, 30, false);
            itemType = values(counts, RecordDocuments.FACET_ITEM_TYPE, 10, false);
            clcClass = values(counts, RecordDocuments.FACET_CLASS, 22, true);
            language = values(counts, RecordDocuments.FACET_LANGUAGE, 20, false);
        }
        LongRangeFacetCounts years = new LongRangeFacetCounts(RecordDocuments.YEAR_VALUE, collector,
                YEARS.toArray(LongRange[]::new));
        List<FacetValue> year = new ArrayList<>();
        for (LabelAndValue lv : years.getAllChildren(RecordDocuments.YEAR_VALUE).labelValues) {
            if (lv.value.longValue() > 0) {
                year.add(new FacetValue(lv.label, lv.label, lv.value.longValue()));
            }
        }
        return new Facets(unit, itemType, clcClass, language, year);
    }

    private static List<FacetValue> values(org.apache.lucene.facet.Facets counts, String dimension, int top,
                                           boolean clc) throws IOException {
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
            values.add(new FacetValue(lv.label, label, lv.value.longValue()));
        }
        return values;
    }

    /** The unit facet labelled with the units' names, read in one query. */
    private Facets withUnitNames(Facets facets) {
        Map<String, String> names = orgUnits.namesOf(facets.unit().stream().map(FacetValue::value).toList());
        List<FacetValue> units = facets.unit().stream()
                .map(f -> new FacetValue(f.value(), names.getOrDefault(f.value(), f.value()), f.count())).toList();
        return new Facets(units, facets.itemType(), facets.clcClass(), facets.language(), facets.year());
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
