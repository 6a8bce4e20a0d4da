package org.shuxiang.catalog.search;

import java.io.IOException;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LongValues;
import org.apache.lucene.search.LongValuesSource;

/**
 * How often each record was lent, for "most borrowed first": the live count of records lent lately,
 * else the count in the doc values. Never cached, as it moves with every loan.
 */
final class LoansSource extends LongValuesSource {

    private final Map<Long, RecordDocuments.Live> live;

    LoansSource(Map<Long, RecordDocuments.Live> live) {
        this.live = live;
    }

    @Override
    public LongValues getValues(LeafReaderContext context, DoubleValues scores) throws IOException {
        RecordDocuments.LiveValues values = new RecordDocuments.LiveValues(context.reader(), live);
        return new LongValues() {
            private long value;

            @Override
            public long longValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                value = values.loans(doc);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public LongValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext context) {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoansSource that && that.live == live;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(live);
    }

    @Override
    public String toString() {
        return "loans(live)";
    }
}
