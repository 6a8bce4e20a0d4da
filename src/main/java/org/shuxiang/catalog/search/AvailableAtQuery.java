package org.shuxiang.catalog.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Records with a copy on the shelf at one of some units: the live availability of records lent or
 * returned lately ({@link RecordDocuments.Live}), else the {@link RecordDocuments#AVAILABLE} doc values.
 * A filter: it checks the documents the rest of the query matches, one by one, so it costs little beside
 * a query that matches few and a scan of the catalogue beside one that matches all. Its answer changes
 * with every loan, so it is never cached.
 */
final class AvailableAtQuery extends Query {

    private final Set<String> units;
    private final List<byte[]> wanted;
    private final Map<Long, RecordDocuments.Live> live;

    AvailableAtQuery(Set<String> units, Map<Long, RecordDocuments.Live> live) {
        this.live = live;
        this.units = new TreeSet<>(units);
        this.wanted = this.units.stream().map(u -> (u + "\n").getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                RecordDocuments.LiveValues values = new RecordDocuments.LiveValues(context.reader(), live);
                DocIdSetIterator all = DocIdSetIterator.all(context.reader().maxDoc());
                TwoPhaseIterator check = new TwoPhaseIterator(all) {
                    @Override
                    public boolean matches() throws IOException {
                        var available = values.available(all.docID());
                        if (available == null) {
                            return false;
                        }
                        for (byte[] unit : wanted) {
                            if (RecordDocuments.names(available, unit)) {
                                return true;
                            }
                        }
                        return false;
                    }

                    @Override
                    public float matchCost() {
                        return 10 * wanted.size();
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, check);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return false;
            }
        };
    }

    @Override
    public String toString(String field) {
        return "available_at:" + units;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && units.equals(((AvailableAtQuery) other).units);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + units.hashCode();
    }
}
