package org.shuxiang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ClcClassTest {

    @Test
    void there_are_the_twenty_two_classes_of_the_fifth_edition() {
        assertThat(Arrays.stream(ClcClass.values()).map(Enum::name))
                .containsExactly("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "N", "O", "P", "Q", "R",
                        "S", "T", "U", "V", "X", "Z");
    }

    @Test
    void each_class_has_its_chinese_and_english_name() {
        assertThat(ClcClass.A.chineseName()).isEqualTo("马克思主义、列宁主义、毛泽东思想、邓小平理论");
        assertThat(ClcClass.B.chineseName()).isEqualTo("哲学、宗教");
        assertThat(ClcClass.I.chineseName()).isEqualTo("文学");
        assertThat(ClcClass.I.englishName()).isEqualTo("Literature");
        assertThat(ClcClass.Z.chineseName()).isEqualTo("综合性图书");
        assertThat(ClcClass.values()).allSatisfy(c -> {
            assertThat(c.chineseName()).isNotBlank();
            assertThat(c.englishName()).isNotBlank();
        });
    }

    @Test
    void a_class_number_belongs_to_the_class_of_its_first_letter() {
        assertThat(ClcClass.ofClassNumber("I247.55")).contains(ClcClass.I);
        assertThat(ClcClass.ofClassNumber("K825.6=76")).contains(ClcClass.K);
        assertThat(ClcClass.ofClassNumber("F124")).contains(ClcClass.F);
        assertThat(ClcClass.ofClassNumber("Z")).contains(ClcClass.Z);
    }

    @Test
    void a_subclass_of_industrial_technology_is_still_class_t() {
        assertThat(ClcClass.ofClassNumber("TP312")).contains(ClcClass.T);
        assertThat(ClcClass.ofClassNumber("TV")).contains(ClcClass.T);
    }

    @Test
    void spaces_lower_case_and_full_width_letters_are_forgiven() {
        assertThat(ClcClass.ofClassNumber(" i247.55 ")).contains(ClcClass.I);
        assertThat(ClcClass.ofClassNumber("ＴＰ３１２")).contains(ClcClass.T);
    }

    @Test
    void a_letter_that_is_no_class_gives_no_class() {
        // L, M, W and Y are not used in the 5th edition
        assertThat(ClcClass.ofClassNumber("L123")).isEmpty();
        assertThat(ClcClass.ofClassNumber("W")).isEmpty();
    }

    @Test
    void numbers_of_other_classifications_give_no_class() {
        assertThat(ClcClass.ofClassNumber("813.54")).isEmpty(); // Dewey
        assertThat(ClcClass.ofClassNumber("PS3553.H15")).isEmpty(); // Library of Congress
        assertThat(ClcClass.ofClassNumber("")).isEmpty();
        assertThat(ClcClass.ofClassNumber(null)).isEmpty();
    }

    @Test
    void a_general_subdivision_may_follow_the_class_letter_straight_away() {
        assertThat(ClcClass.ofClassNumber("S-092")).contains(ClcClass.S);
        assertThat(ClcClass.ofClassNumber("I-53")).contains(ClcClass.I);
    }
}
