package org.shuxiang.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.patrons.CardType;

/** The most specific loan rule wins: deeper in the tree first, then the card type, then the item type. */
class PolicyMatrixTest {

    private static LoanRule rule(long id, CardType card, ItemType item, String unit, int days) {
        return new LoanRule(id, card, item, unit, days, 1, 30, 20, null, 5, 10, 1000, 0, 0, null);
    }

    private static final List<String> TGQ_BRANCH = List.of("TLLIB", "TGQ", "TGQ-B01");

    private final PolicyMatrix matrix = new PolicyMatrix(List.of(
            rule(1, null, null, null, 30),
            rule(2, CardType.CHILD, null, null, 21),
            rule(3, null, ItemType.AUDIOVISUAL, null, 14),
            rule(4, null, null, "TGQ", 45),
            rule(5, CardType.CHILD, ItemType.AUDIOVISUAL, null, 7)));

    @Test
    void the_network_default_applies_when_nothing_more_specific_matches() {
        assertThat(matrix.decide(CardType.ADULT, ItemType.BOOK, List.of("TLLIB", "YAQ", "YAQ-B01")).orElseThrow()
                .rule().id()).isEqualTo(1);
    }

    @Test
    void a_main_library_overrides_the_network_for_its_own_subtree() {
        PolicyMatrix.Decision decision = matrix.decide(CardType.CHILD, ItemType.AUDIOVISUAL, TGQ_BRANCH).orElseThrow();
        assertThat(decision.rule().id()).isEqualTo(4);
        assertThat(decision.candidates()).extracting(c -> c.rule().id()).containsExactly(4L, 5L, 2L, 3L, 1L);
        assertThat(decision.candidates().get(0).why()).contains("TGQ, an ancestor of the lending unit");
    }

    @Test
    void at_the_same_depth_a_rule_naming_the_card_type_beats_one_naming_the_item_type() {
        assertThat(matrix.decide(CardType.CHILD, ItemType.AUDIOVISUAL, List.of("TLLIB", "YAQ")).orElseThrow()
                .rule().id()).isEqualTo(5);
        assertThat(matrix.decide(CardType.CHILD, ItemType.BOOK, List.of("TLLIB", "YAQ")).orElseThrow().rule().id())
                .isEqualTo(2);
        assertThat(matrix.decide(CardType.ADULT, ItemType.AUDIOVISUAL, List.of("TLLIB", "YAQ")).orElseThrow()
                .rule().id()).isEqualTo(3);
    }

    @Test
    void without_any_matching_rule_there_is_no_decision() {
        PolicyMatrix onlyChildren = new PolicyMatrix(List.of(rule(9, CardType.CHILD, null, null, 21)));
        assertThat(onlyChildren.decide(CardType.ADULT, ItemType.BOOK, TGQ_BRANCH)).isEmpty();
    }
}
