package org.shuxiang.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shuxiang.network.UnitType.BOOK_NEST;
import static org.shuxiang.network.UnitType.BRANCH;
import static org.shuxiang.network.UnitType.CENTRAL_LIBRARY;
import static org.shuxiang.network.UnitType.MAIN_LIBRARY;
import static org.shuxiang.network.UnitType.READING_POINT;
import static org.shuxiang.network.UnitType.SERVICE_POINT;
import static org.shuxiang.network.UnitType.TWENTY_FOUR_HOUR_LIBRARY;

import org.junit.jupiter.api.Test;

class UnitTypeTest {

    @Test
    void a_central_library_can_hold_every_other_kind_of_unit_but_not_another_central_library() {
        for (UnitType type : UnitType.values()) {
            assertThat(CENTRAL_LIBRARY.canHold(type)).as(type.name()).isEqualTo(type != CENTRAL_LIBRARY);
        }
    }

    @Test
    void a_main_library_holds_branches_and_outlets_but_no_library_above_a_branch() {
        assertThat(MAIN_LIBRARY.canHold(BRANCH)).isTrue();
        assertThat(MAIN_LIBRARY.canHold(SERVICE_POINT)).isTrue();
        assertThat(MAIN_LIBRARY.canHold(MAIN_LIBRARY)).isFalse();
        assertThat(MAIN_LIBRARY.canHold(CENTRAL_LIBRARY)).isFalse();
    }

    @Test
    void a_branch_holds_reading_and_service_points_but_not_a_branch_or_a_library() {
        assertThat(BRANCH.canHold(READING_POINT)).isTrue();
        assertThat(BRANCH.canHold(TWENTY_FOUR_HOUR_LIBRARY)).isTrue();
        assertThat(BRANCH.canHold(BRANCH)).isFalse();
        assertThat(BRANCH.canHold(CENTRAL_LIBRARY)).isFalse();
        assertThat(BRANCH.canHold(MAIN_LIBRARY)).isFalse();
    }

    @Test
    void service_points_nests_and_other_outlets_hold_nothing() {
        for (UnitType leaf : new UnitType[] {READING_POINT, SERVICE_POINT, TWENTY_FOUR_HOUR_LIBRARY, BOOK_NEST,
                UnitType.PARTNER_VENUE}) {
            for (UnitType type : UnitType.values()) {
                assertThat(leaf.canHold(type)).as(leaf + " holding " + type).isFalse();
            }
        }
    }
}
