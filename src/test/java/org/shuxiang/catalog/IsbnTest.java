package org.shuxiang.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.shuxiang.catalog.Isbn.Reason;

class IsbnTest {

    // 《三体》, 刘慈欣, 重庆出版社 2008: ISBN-13 978-7-5366-9293-0, formerly ISBN-10 7-5366-9293-5
    private static final String THREE_BODY_13 = "9787536692930";

    @Test
    void an_isbn_13_with_hyphens_is_read_as_its_digits() {
        assertThat(Isbn.parse("978-7-5366-9293-0")).map(Isbn::isbn13).contains(THREE_BODY_13);
        assertThat(Isbn.parse("978 7 5366 9293 0")).map(Isbn::isbn13).contains(THREE_BODY_13);
        assertThat(Isbn.parse("ISBN 978-7-5366-9293-0")).map(Isbn::isbn13).contains(THREE_BODY_13);
    }

    @Test
    void an_isbn_10_is_normalized_to_its_isbn_13() {
        assertThat(Isbn.parse("7-5366-9293-5")).map(Isbn::isbn13).contains(THREE_BODY_13);
        // Summerland, Michael Chabon, Hyperion 2002
        assertThat(Isbn.parse("0786808772")).map(Isbn::isbn13).contains("9780786808779");
    }

    @Test
    void an_isbn_10_and_the_isbn_13_it_became_are_equal() {
        assertThat(Isbn.parse("7536692935")).isEqualTo(Isbn.parse(THREE_BODY_13));
        assertThat(Isbn.parse("7536692935").orElseThrow().hashCode())
                .isEqualTo(Isbn.parse(THREE_BODY_13).orElseThrow().hashCode());
    }

    @Test
    void an_isbn_10_ending_in_x_is_valid_in_either_case() {
        assertThat(Isbn.parse("0-8044-2957-X")).map(Isbn::isbn13).contains("9780804429573");
        assertThat(Isbn.parse("0-8044-2957-x")).map(Isbn::isbn13).contains("9780804429573");
    }

    @Test
    void the_qualifiers_and_price_marc_writes_after_an_isbn_are_left_out() {
        assertThat(Isbn.parse("9787536692930 (pbk.)")).map(Isbn::isbn13).contains(THREE_BODY_13);
        assertThat(Isbn.parse("7-5366-9293-5 :")).map(Isbn::isbn13).contains(THREE_BODY_13);
        assertThat(Isbn.parse("978-7-5366-9293-0 : CNY23.00")).map(Isbn::isbn13).contains(THREE_BODY_13);
        assertThat(Isbn.parse("9787536692930 CNY23.00")).map(Isbn::isbn13).contains(THREE_BODY_13);
        assertThat(Isbn.parse("0786816155 (pbk.)")).map(Isbn::isbn13).contains("9780786816156");
        assertThat(Isbn.parse("7536692935（平装）")).map(Isbn::isbn13).contains(THREE_BODY_13);
    }

    @Test
    void full_width_digits_from_a_chinese_input_method_are_read() {
        assertThat(Isbn.parse("９７８－７－５３６６－９２９３－０")).map(Isbn::isbn13).contains(THREE_BODY_13);
    }

    @Test
    void an_isbn_10_with_a_wrong_check_digit_is_refused() {
        assertThat(Isbn.parse("7-5366-9293-7 :")).isEmpty();
        assertThat(Isbn.whyInvalid("7-5366-9293-7 :")).contains(Reason.WRONG_CHECK_DIGIT);
    }

    @Test
    void an_isbn_13_with_a_wrong_check_digit_is_refused() {
        assertThat(Isbn.whyInvalid("978-7-5366-9293-5")).contains(Reason.WRONG_CHECK_DIGIT);
    }

    @Test
    void a_number_of_neither_ten_nor_thirteen_digits_has_the_wrong_length() {
        assertThat(Isbn.whyInvalid("978-7-5366-9293")).contains(Reason.WRONG_LENGTH);
        assertThat(Isbn.whyInvalid("")).contains(Reason.WRONG_LENGTH);
        assertThat(Isbn.whyInvalid(null)).contains(Reason.WRONG_LENGTH);
        assertThat(Isbn.whyInvalid("(pbk.)")).contains(Reason.WRONG_LENGTH);
    }

    @Test
    void a_letter_inside_the_number_is_a_bad_character() {
        assertThat(Isbn.whyInvalid("978753669293O")).contains(Reason.BAD_CHARACTER);
        assertThat(Isbn.whyInvalid("75366X9293")).contains(Reason.BAD_CHARACTER);
        assertThat(Isbn.whyInvalid("978753669293X")).contains(Reason.BAD_CHARACTER);
    }

    @Test
    void thirteen_digits_outside_the_book_prefixes_have_the_wrong_prefix() {
        // the barcodes of Nature (ISSN 0028-0836) and of a score (ISMN 979-0-060-11561-5) have valid check digits
        assertThat(Isbn.whyInvalid("9770028083002")).contains(Reason.WRONG_PREFIX);
        assertThat(Isbn.whyInvalid("979-0-060-11561-5")).contains(Reason.WRONG_PREFIX);
    }

    @Test
    void a_valid_isbn_has_no_reason_to_be_refused() {
        assertThat(Isbn.whyInvalid("7-5366-9293-5")).isEmpty();
        assertThat(Isbn.whyInvalid("978-7-5366-9293-0")).isEmpty();
    }

    @Test
    void a_978_isbn_has_an_isbn_10_and_a_979_isbn_has_none() {
        assertThat(Isbn.parse(THREE_BODY_13).orElseThrow().isbn10()).contains("7536692935");
        assertThat(Isbn.parse("9780804429573").orElseThrow().isbn10()).contains("080442957X");
        // Proceedings of LREC 2020, European Language Resources Association
        assertThat(Isbn.parse("979-10-95546-34-4").orElseThrow().isbn10()).isEmpty();
    }

    @Test
    void an_isbn_cannot_be_made_from_digits_that_are_not_a_valid_isbn_13() {
        assertThatThrownBy(() -> new Isbn("9787536692935")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Isbn("7536692935")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Isbn(THREE_BODY_13)).hasToString(THREE_BODY_13);
    }
}
