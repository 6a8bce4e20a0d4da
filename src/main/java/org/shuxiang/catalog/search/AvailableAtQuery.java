package org.shuxiang.catalog.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Records with a copy on the shelf at one of some units, read from the {@link RecordDocuments#AVAILABLE}
 * doc values. A filter: it checks the documents the rest of the query matches, one by one, so it costs
 * little beside a query that matches few and a scan of the catalogue beside one that matches all.
 */
final class AvailableAtQuery extends Query {

    private final Set<String> units;
    private final List<byte[]> wanted;

    AvailableAtQuery(Set<String> units) {
        this.units = new TreeSet<>(units);
        this.wanted = this.units.stream().map(u -> (u + "\n").getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                BinaryDocValues values = DocValues.getBinary(context.reader(), RecordDocuments.AVAILABLE);
                TwoPhaseIterator check = new TwoPhaseIterator(values) {
                    @Override
                    public boolean matches() throws IOException {
                        var available = values.binaryValue();
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
                return DocValues.isCacheable(context, RecordDocuments.AVAILABLE);
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
