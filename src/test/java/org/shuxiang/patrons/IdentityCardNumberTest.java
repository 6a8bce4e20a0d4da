package org.shuxiang.patrons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Identity card numbers follow GB 11643: 17 digits and a MOD 11-2 check character, a real date of birth. */
class IdentityCardNumberTest {

    @Test
    void a_number_with_the_right_check_character_is_valid_and_gives_the_date_of_birth() {
        IdentityCardNumber number = IdentityCardNumber.parse(" 340702198503120019 ").orElseThrow();
        assertThat(number.dateOfBirth()).isEqualTo(LocalDate.of(1985, 3, 12));
    }

    @Test
    void the_check_character_x_stands_for_ten_in_either_case() {
        assertThat(IdentityCardNumber.parse("11010519491231002x")).hasValueSatisfying(n ->
                assertThat(n.value()).isEqualTo("11010519491231002X"));
    }

    @Test
    void a_wrong_check_character_a_wrong_length_letters_or_an_impossible_date_are_refused() {
        assertThat(IdentityCardNumber.problemWith("340702198503120018")).contains("check character");
        assertThat(IdentityCardNumber.problemWith("34070219850312001")).contains("18 characters");
        assertThat(IdentityCardNumber.problemWith("3407021985031200A9")).contains("digits");
        // 1985-02-30 does not exist, whatever the check character says
        String feb30 = "3407021985023000";
        assertThat(IdentityCardNumber.problemWith(feb30 + "1" + check(feb30 + "1"))).contains("date of birth");
        assertThatThrownBy(() -> new IdentityCardNumber("340702198503120018"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_number_is_shown_masked_and_never_whole_in_logs() {
        IdentityCardNumber number = new IdentityCardNumber("340702198503120019");
        assertThat(number.masked()).isEqualTo("3407**********0019");
        assertThat(number.toString()).doesNotContain("19850312");
    }

    private static char check(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }
}
