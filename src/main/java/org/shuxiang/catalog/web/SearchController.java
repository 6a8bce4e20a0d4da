package org.shuxiang.catalog.web;

import java.util.Locale;
import java.util.Map;

import org.shuxiang.catalog.CatalogSearch;
import org.shuxiang.catalog.search.SearchIndex;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/catalog/search} and the index rebuild command. */
@RestController
@RequestMapping("/api/v1/catalog")
class SearchController {

    record RebuildAnswer(long recordsIndexed) {
    }

    private final CatalogSearch search;
    private final SearchIndex index;
    private final AccessControl access;
    private final AuditLog audit;

    SearchController(CatalogSearch search, SearchIndex index, AccessControl access, AuditLog audit) {
        this.search = search;
        this.index = index;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/search")
    CatalogSearch.SearchResult search(@RequestParam(name = "q", required = false) String query,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "20") int size,
                                      @RequestParam(defaultValue = "relevance") String sort,
                                      @RequestParam(required = false) String unit,
                                      @RequestParam(required = false) String availableWithin,
                                      @RequestParam(required = false) String itemType,
                                      @RequestParam(required = false) String clcClass,
                                      @RequestParam(required = false) String language,
                                      @RequestParam(required = false) Integer yearFrom,
                                      @RequestParam(required = false) Integer yearTo) {
        CatalogSearch.Sort order;
        try {
            order = CatalogSearch.Sort.valueOf(sort.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RefusedException.onField("sort", PlatformRefusal.VALIDATION_FAILED);
        }
        return search.search(new CatalogSearch.SearchRequest(query, page, size, order, unit, availableWithin,
                itemType, clcClass, language, yearFrom, yearTo));
    }

    /** Rebuilds the whole index from the database while searches go on (administrators of the network). */
    @PostMapping("/search-index/rebuild")
    @ResponseStatus(HttpStatus.OK)
    RebuildAnswer rebuild() {
        access.requireWholeNetwork(Permission.CATALOG_MANAGE);
        long count = index.rebuild();
        audit.record("SEARCH_INDEX_REBUILT", "SEARCH_INDEX", "catalog", null, Map.of("records", count));
        return new RebuildAnswer(count);
    }
}
