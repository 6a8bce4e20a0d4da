package org.shuxiang.catalog.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;
import org.shuxiang.catalog.ClcClass;
import org.shuxiang.catalog.Isbn;
import org.shuxiang.catalog.Pinyin;
import org.shuxiang.catalog.marc.BibliographicFields;

/** How a record becomes a search document: text for words, pinyin for sounds, exact keys, facets. */
final class RecordDocuments {

    static final String ID = "id";
    static final String TITLE = "title";
    static final String AUTHOR = "author";
    static final String PUBLISHER = "publisher";
    static final String SUBJECT = "subject";
    static final String SUMMARY = "summary";
    static final String PINYIN = "pinyin";
    static final String ISBN = "isbn";
    static final String BARCODE = "barcode";
    static final String CALL_NUMBER = "callnumber";
    static final String CLASS = "class";
    static final String YEAR = "year";
    /** The year as doc values, 0 when unknown, for sorting and year facets (YEAR itself is for ranges). */
    static final String YEAR_VALUE = "year_value";
    static final String LOANS = "loans";
    /**
     * The units where a copy is on the shelf, as binary doc values (the codes, sorted, each followed by a
     * line feed). Doc values, not terms, so that a checkout or a return updates them in place, without
     * analysing the record again: see {@link SearchIndex}.
     */
    static final String AVAILABLE = "available";
    /** {@link IndexSource#structure()} of what the document was built from. */
    static final String STRUCTURE = "structure";

    static final String SHOW_AUTHOR = "show_author";
    static final String SHOW_PUBLISHER = "show_publisher";
    static final String SHOW_CLC = "show_clc";
    static final String SHOW_YEAR = "show_year";
    static final String SHOW_ISBN = "show_isbn";

    /** Facet dimensions (the unit facet is counted from {@link #AVAILABLE}). */
    static final String FACET_ITEM_TYPE = "itemType";
    static final String FACET_CLASS = "clcClass";
    static final String FACET_LANGUAGE = "language";

    static final FacetsConfig FACETS = new FacetsConfig();
    private static final java.util.regex.Pattern PUNCTUATION =
            java.util.regex.Pattern.compile("[\\s\\p{Punct}：；，。、·（）《》“”‘’！？【】—…]+");

    static {
        FACETS.setMultiValued(FACET_ITEM_TYPE, true);
    }

    private RecordDocuments() {
    }

    static Document document(IndexSource source) throws IOException {
        BibliographicFields f = source.fields();
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(source.id()), Field.Store.YES));
        text(doc, TITLE, f.title());
        f.parallelTitles().forEach(t -> text(doc, TITLE, t));
        String author = f.names().isEmpty() ? f.responsibility() : f.names().get(0).name();
        f.names().forEach(n -> text(doc, AUTHOR, n.name()));
        text(doc, AUTHOR, f.responsibility());
        text(doc, PUBLISHER, f.publisher());
        f.subjects().forEach(s -> text(doc, SUBJECT, s));
        f.series().forEach(s -> text(doc, SUBJECT, s));
        text(doc, SUMMARY, f.summary());
        doc.add(new TextField(PINYIN, pinyinTokens(f), Field.Store.NO));
        for (Isbn isbn : f.isbns()) {
            doc.add(new StringField(ISBN, isbn.isbn13(), Field.Store.NO));
            isbn.isbn10().ifPresent(ten -> doc.add(new StringField(ISBN, ten, Field.Store.NO)));
        }
        if (source.callNumber() != null) {
            doc.add(new StringField(CALL_NUMBER, source.callNumber().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        if (f.clcNumber() != null) {
            doc.add(new StringField(CLASS, f.clcNumber().toUpperCase(Locale.ROOT), Field.Store.NO));
            f.clcClass().ifPresent(c -> doc.add(new SortedSetDocValuesFacetField(FACET_CLASS, c.name())));
        }
        if (f.year() != null) {
            doc.add(new IntPoint(YEAR, f.year()));
        }
        doc.add(new NumericDocValuesField(YEAR_VALUE, f.year() == null ? 0 : f.year()));
        doc.add(new NumericDocValuesField(LOANS, source.loanCount()));
        doc.add(new NumericDocValuesField(ID, source.id()));
        if (f.language() != null && !f.language().isBlank()) {
            doc.add(new SortedSetDocValuesFacetField(FACET_LANGUAGE, f.language()));
        }
        Set<String> types = new LinkedHashSet<>();
        for (IndexSource.Copy copy : source.copies()) {
            doc.add(new StringField(BARCODE, copy.barcode().toUpperCase(Locale.ROOT), Field.Store.NO));
            if (copy.callNumber() != null) {
                doc.add(new StringField(CALL_NUMBER, copy.callNumber().toLowerCase(Locale.ROOT), Field.Store.NO));
            }
            types.add(copy.type());
        }
        doc.add(new BinaryDocValuesField(AVAILABLE, availability(source.availableAt())));
        doc.add(new NumericDocValuesField(STRUCTURE, source.structure()));
        types.forEach(type -> doc.add(new SortedSetDocValuesFacetField(FACET_ITEM_TYPE, type)));
        // what a hit shows, stored so that a page of hits needs no record read from the database
        stored(doc, SHOW_AUTHOR, author);
        stored(doc, SHOW_PUBLISHER, f.publisher());
        stored(doc, SHOW_CLC, f.clcNumber());
        if (f.year() != null) {
            doc.add(new StoredField(SHOW_YEAR, f.year()));
        }
        f.isbns().forEach(isbn -> doc.add(new StoredField(SHOW_ISBN, isbn.isbn13())));
        return FACETS.build(doc);
    }

    /**
     * A record's availability and loan count as they are now, when they changed since its document was
     * written (checkouts and returns): kept in memory beside the index and folded into its doc values
     * at a quiet moment, so that lending a book does not rewrite a doc-values column of the index.
     */
    record Live(BytesRef available, long loans) {
    }

    /**
     * Reads a leaf's availability and loan counts, the live values first: for documents taken in
     * increasing order, as doc values are read.
     */
    static final class LiveValues {
        private final Map<Long, Live> live;
        private final org.apache.lucene.index.NumericDocValues ids;
        private final org.apache.lucene.index.BinaryDocValues available;
        private final org.apache.lucene.index.NumericDocValues loans;

        LiveValues(org.apache.lucene.index.LeafReader reader, Map<Long, Live> live) throws java.io.IOException {
            this.live = live;
            this.ids = live.isEmpty() ? null : reader.getNumericDocValues(ID);
            this.available = reader.getBinaryDocValues(AVAILABLE);
            this.loans = reader.getNumericDocValues(LOANS);
        }

        private Live live(int doc) throws java.io.IOException {
            return ids != null && ids.advanceExact(doc) ? live.get(ids.longValue()) : null;
        }

        /** The units where the document's record has a copy on the shelf (see {@link #names}), or null. */
        BytesRef available(int doc) throws java.io.IOException {
            Live now = live(doc);
            if (now != null) {
                return now.available();
            }
            return available != null && available.advanceExact(doc) ? available.binaryValue() : null;
        }

        long loans(int doc) throws java.io.IOException {
            Live now = live(doc);
            if (now != null) {
                return now.loans();
            }
            return loans != null && loans.advanceExact(doc) ? loans.longValue() : 0;
        }
    }

    /** The units' codes, each followed by a line feed: what {@link #AVAILABLE} holds. */
    static BytesRef availability(List<String> units) {
        StringBuilder text = new StringBuilder(units.size() * 12);
        units.forEach(unit -> text.append(unit).append('\n'));
        return new BytesRef(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an {@link #AVAILABLE} value names {@code unit} (given as its code's bytes and a line feed). */
    static boolean names(BytesRef available, byte[] unitWithLineFeed) {
        int end = available.offset + available.length;
        int start = available.offset;
        while (start < end) {
            int length = unitWithLineFeed.length;
            if (start + length <= end && java.util.Arrays.equals(available.bytes, start, start + length,
                    unitWithLineFeed, 0, length)) {
                return true;
            }
            while (start < end && available.bytes[start] != '\n') {
                start++;
            }
            start++;
        }
        return false;
    }

    private static void stored(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StoredField(field, value));
        }
    }

    private static void text(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field, value, field.equals(TITLE) ? Field.Store.YES : Field.Store.NO));
        }
    }

    /**
     * Pinyin of the title and the names: each word's full pinyin run together ("santi"), its initials
     * ("st"), and the same for the whole title or name, so that santi, st and liucixin all find 三体.
     */
    static String pinyinTokens(BibliographicFields f) {
        List<String> sources = new ArrayList<>();
        sources.add(f.title());
        f.names().forEach(n -> sources.add(n.name()));
        Set<String> tokens = new LinkedHashSet<>();
        for (String text : sources) {
            if (text == null || !Pinyin.hasChinese(text)) {
                continue;
            }
            addPinyin(tokens, text);
            for (String word : words(text)) {
                addPinyin(tokens, word);
            }
        }
        return String.join(" ", tokens);
    }

    private static void addPinyin(Set<String> tokens, String text) {
        String full = Pinyin.syllables(text).replace(" ", "");
        if (!full.isEmpty()) {
            tokens.add(full);
        }
        String initials = Pinyin.initials(text);
        if (initials.length() > 1) {
            tokens.add(initials);
        }
    }

    /**
     * The parts of a title between its punctuation ("三体Ⅱ：黑暗森林" gives 三体Ⅱ and 黑暗森林). Cheaper than
     * segmenting words, which the text fields already do; prefix queries find the words inside a part.
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String part : PUNCTUATION.split(text)) {
            if (Pinyin.hasChinese(part)) {
                words.add(part);
            }
        }
        return words;
    }

}
