package org.shuxiang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.shuxiang.catalog.ClcClass;
import org.shuxiang.catalog.Isbn;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.FieldMapping;
import org.shuxiang.catalog.marc.MarcFlavour;

/** The demo catalogue: several hundred real Chinese books across the 22 classes, children's books among them. */
class DemoCatalogueTest {

    private final List<DemoCatalogue.Book> books = DemoCatalogue.books();

    @Test
    void it_has_several_hundred_books_in_every_class_of_the_chinese_library_classification() {
        assertThat(books.size()).isGreaterThanOrEqualTo(400);
        Set<ClcClass> classes = books.stream().map(b -> ClcClass.ofClassNumber(b.clc()).orElseThrow())
                .collect(Collectors.toSet());
        assertThat(classes).containsExactlyInAnyOrder(ClcClass.values());
        assertThat(books.stream().filter(DemoCatalogue.Book::children).count()).isGreaterThanOrEqualTo(80);
    }

    @Test
    void every_isbn_given_is_valid_and_none_is_repeated() {
        List<String> isbns = books.stream().map(DemoCatalogue.Book::isbn).filter(i -> !i.isEmpty()).toList();
        assertThat(isbns).allSatisfy(i -> assertThat(Isbn.parse(i)).as(i).isPresent());
        assertThat(isbns).doesNotHaveDuplicates();
    }

    @Test
    void each_book_becomes_a_cnmarc_record_that_maps_back_to_the_same_facts() {
        for (DemoCatalogue.Book book : books) {
            var record = DemoCatalogue.record(book);
            assertThat(MarcFlavour.detect(record)).isEqualTo(MarcFlavour.CNMARC);
            BibliographicFields fields = FieldMapping.map(record, MarcFlavour.CNMARC);
            assertThat(fields.title()).as(book.title()).isEqualTo(book.title());
            assertThat(fields.publisher()).isEqualTo(book.publisher());
            assertThat(fields.year()).isEqualTo(book.year());
            assertThat(fields.clcNumber()).isEqualTo(book.clc());
            assertThat(fields.names()).isNotEmpty();
            if (!book.isbn().isEmpty()) {
                assertThat(fields.isbns()).extracting(Isbn::isbn13).containsExactly(book.isbn());
            }
        }
    }

    @Test
    void childrens_books_are_childrens_copies_and_dictionaries_are_for_reference() {
        DemoCatalogue.Book dictionary = books.stream().filter(b -> b.title().startsWith("现代汉语词典")).findFirst()
                .orElseThrow();
        assertThat(dictionary.itemType()).isEqualTo(ItemType.REFERENCE);
        assertThat(books.stream().filter(DemoCatalogue.Book::children).map(DemoCatalogue.Book::itemType))
                .contains(ItemType.CHILDRENS_BOOK);
        assertThat(books).allSatisfy(b -> assertThat(b.copies()).isBetween(1, 4));
    }
}
