package org.shuxiang.holds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.shuxiang.network.NetworkTree;
import org.shuxiang.network.UnitType;

/** Copies are chosen by distance in the network tree; "local" means under the same main library. */
class HoldsDistanceTest {

    private static NetworkTree.Node node(String code, String parent, UnitType type) {
        return new NetworkTree.Node(code, parent, type, "SELF", true, code);
    }

    private final NetworkTree tree = new NetworkTree(List.of(
            node("TLLIB", null, UnitType.CENTRAL_LIBRARY),
            node("TGQ", "TLLIB", UnitType.MAIN_LIBRARY),
            node("TGQ-B01", "TGQ", UnitType.BRANCH),
            node("TGQ-B02", "TGQ", UnitType.BRANCH),
            node("YAQ", "TLLIB", UnitType.MAIN_LIBRARY),
            node("YAQ-B01", "YAQ", UnitType.BRANCH)));

    @Test
    void the_pickup_point_itself_is_nearest_then_its_parent_then_its_siblings_then_other_libraries() {
        assertThat(Holds.distance(tree, "TGQ-B01", "TGQ-B01")).isZero();
        assertThat(Holds.distance(tree, "TGQ", "TGQ-B01")).isEqualTo(1);
        assertThat(Holds.distance(tree, "TGQ-B02", "TGQ-B01")).isEqualTo(2);
        assertThat(Holds.distance(tree, "YAQ-B01", "TGQ-B01")).isEqualTo(4);
    }

    @Test
    void units_under_one_main_library_are_local_to_each_other() {
        assertThat(Holds.sameMainLibrary(tree, "TGQ-B01", "TGQ-B02")).isTrue();
        assertThat(Holds.sameMainLibrary(tree, "TGQ", "TGQ-B02")).isTrue();
        assertThat(Holds.sameMainLibrary(tree, "TGQ-B01", "YAQ-B01")).isFalse();
    }
}
