package org.shuxiang.catalog;

/** A record or its items changed; the search index brings the record up to date after the commit. */
public record CatalogChanged(long recordId) {
}
