package org.shuxiang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BookNumberSchemeTest {

    @Test
    void an_author_number_is_the_pinyin_initials_of_a_chinese_name() {
        assertThat(BookNumberScheme.authorMark("刘慈欣")).isEqualTo("LCX");
        assertThat(BookNumberScheme.authorMark("[美]海明威")).isEqualTo("HMW");
    }

    @Test
    void an_author_number_of_a_latin_name_takes_the_first_letters() {
        assertThat(BookNumberScheme.authorMark("Chabon, Michael")).isEqualTo("CM");
        assertThat(BookNumberScheme.authorMark(null)).isEmpty();
    }

    @Test
    void a_call_number_is_the_class_number_then_the_book_number() {
        assertThat(BookNumberScheme.callNumber("I247.55", "123")).isEqualTo("I247.55/123");
    }

    @Test
    void pinyin_gives_syllables_and_initials_and_passes_other_text_through() {
        assertThat(Pinyin.syllables("三体")).isEqualTo("san ti");
        assertThat(Pinyin.initials("三体")).isEqualTo("st");
        assertThat(Pinyin.syllables("三体 Liu 2008")).isEqualTo("san ti liu 2008");
        assertThat(Pinyin.hasChinese("Summerland")).isFalse();
    }

    @Test
    void only_some_statuses_are_set_by_hand_and_none_while_on_loan() {
        assertThat(ItemStatus.AVAILABLE.checkChangeByHand(ItemStatus.MISSING)).isEmpty();
        assertThat(ItemStatus.MISSING.checkChangeByHand(ItemStatus.AVAILABLE)).isEmpty();
        assertThat(ItemStatus.AVAILABLE.checkChangeByHand(ItemStatus.ON_LOAN))
                .contains(CatalogRefusal.STATUS_NOT_SET_BY_HAND);
        assertThat(ItemStatus.ON_LOAN.checkChangeByHand(ItemStatus.AVAILABLE)).contains(CatalogRefusal.ITEM_ON_LOAN);
        assertThat(ItemStatus.ON_LOAN.checkWithdrawal()).contains(CatalogRefusal.ITEM_ON_LOAN);
        assertThat(ItemStatus.LOST.checkWithdrawal()).isEmpty();
        assertThat(ItemType.REFERENCE.loanable()).isFalse();
    }
}
