package org.shuxiang.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.shuxiang.catalog.ItemType;
import org.shuxiang.catalog.marc.MarcRecord;

/**
 * The demo catalogue: real Chinese books (facts only) from {@code demo/books.csv}, made into CNMARC
 * records as a cataloguer would write them, with copies spread over the lending units.
 */
final class DemoCatalogue {

    /** One book of the list. */
    record Book(int number, String isbn, String title, String author, String role, String publisher, String place,
                int year, String clc, boolean children) {

        String controlNumber() {
            return String.format("SXDEMO%05d", number);
        }

        ItemType itemType() {
            if (title.matches(".*(词典|字典|辞海|辞源|百科全书|年鉴).*")) {
                return ItemType.REFERENCE;
            }
            return children ? ItemType.CHILDRENS_BOOK : ItemType.BOOK;
        }

        /** 1 to 4 copies, more for children's books and popular classes, always the same for a book. */
        int copies() {
            return 1 + Math.floorMod(Objects.hash(title, author), children || clc.startsWith("I") ? 4 : 2);
        }
    }

    private static final Map<String, String> RELATORS = Map.of(
            "著", "070", "编", "340", "主编", "340", "编著", "070", "译", "730", "绘", "440", "文", "070",
            "文/图", "070", "图", "440");

    private DemoCatalogue() {
    }

    static List<Book> books() {
        var stream = DemoCatalogue.class.getClassLoader().getResourceAsStream("demo/books.csv");
        if (stream == null) {
            throw new IllegalStateException("missing demo/books.csv");
        }
        List<Book> books = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 9) {
                    throw new IllegalStateException("demo/books.csv: expected 9 fields in " + line);
                }
                books.add(new Book(books.size() + 1, f[0], f[1], f[2], f[3], f[4], f[5], Integer.parseInt(f[6]), f[7],
                        "children".equals(f[8])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return books;
    }

    /** The book as a CNMARC record: 001, 010, 100, 101, 200, 210, 690 and 701/702. */
    static MarcRecord record(Book book) {
        List<MarcRecord.Field> fields = new ArrayList<>();
        fields.add(new MarcRecord.ControlField("001", book.controlNumber()));
        if (!book.isbn().isEmpty()) {
            fields.add(data("010", ' ', ' ', 'a', book.isbn()));
        }
        String audience = book.children() ? "c  " : "m  ";
        fields.add(data("100", ' ', ' ', 'a', "20261127d" + book.year() + "    " + audience + "y0chiy50      ea"));
        fields.add(data("101", '0', ' ', 'a', "chi"));
        fields.add(new MarcRecord.DataField("200", '1', ' ', List.of(new MarcRecord.Subfield('a', book.title()),
                new MarcRecord.Subfield('f', book.author() + book.role()))));
        fields.add(new MarcRecord.DataField("210", ' ', ' ', List.of(new MarcRecord.Subfield('a', book.place()),
                new MarcRecord.Subfield('c', book.publisher()), new MarcRecord.Subfield('d', Integer.toString(book.year())))));
        fields.add(new MarcRecord.DataField("690", ' ', ' ', List.of(new MarcRecord.Subfield('a', book.clc()),
                new MarcRecord.Subfield('v', "5"))));
        boolean secondary = "译".equals(book.role()) || "绘".equals(book.role());
        for (String name : book.author().split("、")) {
            fields.add(new MarcRecord.DataField(secondary ? "702" : "701", ' ', '0', List.of(
                    new MarcRecord.Subfield('a', name.trim()),
                    new MarcRecord.Subfield('4', RELATORS.getOrDefault(book.role(), "070")))));
        }
        return new MarcRecord("00000nam0 2200000   450 ", fields);
    }

    private static MarcRecord.DataField data(String tag, char ind1, char ind2, char code, String value) {
        return new MarcRecord.DataField(tag, ind1, ind2, List.of(new MarcRecord.Subfield(code, value)));
    }
}
