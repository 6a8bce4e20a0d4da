package org.shuxiang.catalog;

import java.util.List;

/**
 * Searching the catalogue of the whole network: words in Chinese or pinyin, ISBNs, barcodes, call
 * numbers and fielded words; facets; availability of every hit across the network.
 */
public interface CatalogSearch {

    SearchResult search(SearchRequest request);

    /** The ids of every record the request finds, in id order, up to {@code max} (for exports). */
    List<Long> ids(SearchRequest request, int max);

    /** How hits are ordered. */
    enum Sort { RELEVANCE, NEWEST, POPULAR }

    /**
     * A search. {@code unit} keeps titles on the shelf at that unit now; {@code availableWithin} keeps
     * those on the shelf somewhere under that unit (say, "within my main library").
     */
    record SearchRequest(String query, int page, int size, Sort sort, String unit, String availableWithin,
                         String itemType, String clcClass, String language, Integer yearFrom, Integer yearTo) {

        public static SearchRequest of(String query) {
            return new SearchRequest(query, 0, 20, Sort.RELEVANCE, null, null, null, null, null, null, null);
        }
    }

    record SearchResult(String query, long total, int page, int size, List<Hit> hits, Facets facets) {
    }

    /** A title found, with where its copies are now. */
    record Hit(long id, String title, String author, String publisher, Integer year, List<String> isbns,
               String clcNumber, String callNumber, Availability availability) {
    }

    /** Copies of a title across the network: on the shelf (and where), on loan, in transit, on hold shelves. */
    record Availability(int onShelf, int onLoan, int inTransit, int onHoldShelf, int unavailable,
                        List<UnitCount> onShelfAt) {
    }

    record UnitCount(String unit, int copies) {
    }

    /**
     * Counts of the hits by unit (copies on the shelf there), item type, CLC class, language and years.
     * When a search finds very many titles, the counts are estimated from a random sample of its hits
     * ({@code estimated}); the total is always exact.
     */
    record Facets(List<FacetValue> unit, List<FacetValue> itemType, List<FacetValue> clcClass,
                  List<FacetValue> language, List<FacetValue> year, boolean estimated) {
    }

    /** One value of a facet: {@code label} is for people (the CLC class's name, say). */
    record FacetValue(String value, String label, long count) {
    }
}
