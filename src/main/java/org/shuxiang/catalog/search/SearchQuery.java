package org.shuxiang.catalog.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.shuxiang.catalog.Isbn;

/**
 * A reader's query as Lucene understands it. Words are all required; each may be Chinese text, pinyin
 * ({@code santi}, {@code st}, {@code liucixin}), an ISBN in either form, a barcode or a call number.
 * {@code title:}, {@code author:}, {@code publisher:}, {@code subject:}, {@code summary:}, {@code isbn:},
 * {@code class:}, {@code barcode:} and {@code callnumber:} narrow a word to one field. Any text parses; none throws.
 */
final class SearchQuery {

    private static final Pattern LATIN = Pattern.compile("[A-Za-z]+");
    private static final Pattern CLASS_NUMBER = Pattern.compile("[A-Z][A-Z0-9.\\-=/()]*");
    private static final int MAX_WORDS = 16;
    /** Longer words are cut: no title word is this long, and automata over huge prefixes are refused. */
    private static final int MAX_WORD_LENGTH = 64;

    /** Analyses each field's words as the index did. */
    private static final QueryBuilder QUERIES = new QueryBuilder(Analyzers.INDEX);

    private SearchQuery() {
    }

    static Query parse(String text) {
        if (text == null || text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        String[] words = text.trim().split("\\s+");
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int used = 0;
        for (String whole : words) {
            if (used++ == MAX_WORDS) {
                break;
            }
            String word = whole.length() > MAX_WORD_LENGTH ? whole.substring(0, MAX_WORD_LENGTH) : whole;
            int colon = word.indexOf(':');
            Query query = colon > 0 && colon < word.length() - 1
                    ? fieldWord(word.substring(0, colon).toLowerCase(Locale.ROOT), word.substring(colon + 1))
                            .orElseGet(() -> anyWord(word))
                    : anyWord(word);
            all.add(query, BooleanClause.Occur.MUST);
        }
        return all.build();
    }

    private static Optional<Query> fieldWord(String field, String value) {
        return Optional.ofNullable(switch (field) {
            case "title", "题名" -> textOrPinyin(RecordDocuments.TITLE, value);
            case "author", "作者", "责任者" -> textOrPinyin(RecordDocuments.AUTHOR, value);
            case "publisher", "出版社" -> text(RecordDocuments.PUBLISHER, value);
            case "subject", "主题" -> text(RecordDocuments.SUBJECT, value);
            case "summary", "摘要" -> text(RecordDocuments.SUMMARY, value);
            case "isbn" -> Isbn.parse(value).<Query>map(i -> new TermQuery(new Term(RecordDocuments.ISBN, i.isbn13())))
                    .orElse(new TermQuery(new Term(RecordDocuments.ISBN, value.replace("-", ""))));
            case "class", "分类" -> new PrefixQuery(new Term(RecordDocuments.CLASS, value.toUpperCase(Locale.ROOT)));
            case "barcode", "条码" -> new TermQuery(new Term(RecordDocuments.BARCODE, value.toUpperCase(Locale.ROOT)));
            case "callnumber", "索书号" -> new TermQuery(new Term(RecordDocuments.CALL_NUMBER,
                    value.toLowerCase(Locale.ROOT)));
            default -> null;
        });
    }

    private static Query anyWord(String word) {
        List<Query> alternatives = new ArrayList<>();
        Isbn.parse(word).ifPresent(isbn ->
                alternatives.add(boost(new TermQuery(new Term(RecordDocuments.ISBN, isbn.isbn13())), 20)));
        alternatives.add(boost(new TermQuery(new Term(RecordDocuments.BARCODE, word.toUpperCase(Locale.ROOT))), 20));
        if (word.contains("/")) {
            alternatives.add(boost(new TermQuery(new Term(RecordDocuments.CALL_NUMBER, word.toLowerCase(Locale.ROOT))),
                    20));
        }
        addIfPresent(alternatives, boost(text(RecordDocuments.TITLE, word), 4));
        addIfPresent(alternatives, boost(text(RecordDocuments.AUTHOR, word), 3));
        addIfPresent(alternatives, text(RecordDocuments.PUBLISHER, word));
        addIfPresent(alternatives, text(RecordDocuments.SUBJECT, word));
        // summaries are searched by summary: only; in every word they would match far too much
        addIfPresent(alternatives, pinyin(word));
        if (CLASS_NUMBER.matcher(word).matches() && word.length() <= 24) {
            alternatives.add(boost(new PrefixQuery(new Term(RecordDocuments.CLASS, word)), 0.5f));
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        alternatives.forEach(q -> any.add(q, BooleanClause.Occur.SHOULD));
        return alternatives.isEmpty() ? new MatchNoDocsQuery() : any.build();
    }

    private static Query textOrPinyin(String field, String value) {
        Query text = text(field, value);
        Query pinyin = pinyin(value);
        if (pinyin == null) {
            return text == null ? new MatchNoDocsQuery() : text;
        }
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        if (text != null) {
            either.add(text, BooleanClause.Occur.SHOULD);
        }
        either.add(pinyin, BooleanClause.Occur.SHOULD);
        return either.build();
    }

    /** All the words smartcn finds in {@code value}, in {@code field}; null when it finds none. */
    private static Query text(String field, String value) {
        return QUERIES.createBooleanQuery(field, value, BooleanClause.Occur.MUST);
    }

    /** Latin letters are tried as pinyin: the whole token, or its start when it has three letters or more. */
    private static Query pinyin(String value) {
        if (!LATIN.matcher(value).matches()) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        Query exact = boost(new TermQuery(new Term(RecordDocuments.PINYIN, lower)), 3);
        if (lower.length() < 3) {
            return exact;
        }
        return new BooleanQuery.Builder()
                .add(exact, BooleanClause.Occur.SHOULD)
                .add(new PrefixQuery(new Term(RecordDocuments.PINYIN, lower)), BooleanClause.Occur.SHOULD)
                .build();
    }

    private static Query boost(Query query, float boost) {
        return query == null ? null : new BoostQuery(query, boost);
    }

    private static void addIfPresent(List<Query> queries, Query query) {
        if (query != null) {
            queries.add(query);
        }
    }
}
