package org.shuxiang.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NetworkTreeTest {

    //   CITY ─┬─ EAST ── EAST-B1 ── EAST-SP1
    //         └─ WEST (inactive)
    private final NetworkTree tree = new NetworkTree(List.of(
            node("CITY", null, UnitType.CENTRAL_LIBRARY, true),
            node("EAST", "CITY", UnitType.MAIN_LIBRARY, true),
            node("EAST-B1", "EAST", UnitType.BRANCH, true),
            node("EAST-SP1", "EAST-B1", UnitType.SERVICE_POINT, true),
            node("WEST", "CITY", UnitType.MAIN_LIBRARY, false)));

    private static NetworkTree.Node node(String code, String parent, UnitType type, boolean active) {
        return new NetworkTree.Node(code, parent, type, "SELF", active, code);
    }

    @Test
    void a_unit_lies_within_itself_and_every_unit_above_it_but_not_beside_it() {
        assertThat(tree.isWithin("EAST-SP1", "EAST-SP1")).isTrue();
        assertThat(tree.isWithin("EAST-SP1", "EAST")).isTrue();
        assertThat(tree.isWithin("EAST-SP1", "CITY")).isTrue();
        assertThat(tree.isWithin("EAST-SP1", "WEST")).isFalse();
        assertThat(tree.isWithin("EAST", "EAST-SP1")).isFalse();
        assertThat(tree.isWithin("NOWHERE", "CITY")).isFalse();
    }

    @Test
    void a_subtree_holds_its_root_and_everything_below_it() {
        assertThat(tree.subtree("EAST")).containsExactly("EAST", "EAST-B1", "EAST-SP1");
        assertThat(tree.subtree("CITY")).hasSize(5);
        assertThat(tree.subtree("NOWHERE")).isEmpty();
        assertThat(tree.ancestors("EAST-SP1")).containsExactly("CITY", "EAST", "EAST-B1");
    }

    @Test
    void a_central_library_cannot_be_placed_under_a_branch() {
        assertThat(tree.checkPlacement(UnitType.CENTRAL_LIBRARY, "EAST-B1"))
                .contains(NetworkRefusal.TYPE_NOT_ALLOWED_UNDER_PARENT);
    }

    @Test
    void only_a_central_library_stands_at_the_top_and_only_one() {
        assertThat(tree.checkPlacement(UnitType.BRANCH, null)).contains(NetworkRefusal.ROOT_MUST_BE_CENTRAL_LIBRARY);
        assertThat(tree.checkPlacement(UnitType.CENTRAL_LIBRARY, null))
                .contains(NetworkRefusal.NETWORK_ALREADY_HAS_ROOT);
        assertThat(new NetworkTree(List.of()).checkPlacement(UnitType.CENTRAL_LIBRARY, null)).isEmpty();
    }

    @Test
    void a_unit_cannot_be_placed_under_an_unknown_or_inactive_parent() {
        assertThat(tree.checkPlacement(UnitType.BRANCH, "NOWHERE")).contains(NetworkRefusal.PARENT_NOT_FOUND);
        assertThat(tree.checkPlacement(UnitType.BRANCH, "WEST")).contains(NetworkRefusal.PARENT_INACTIVE);
        assertThat(tree.checkPlacement(UnitType.BRANCH, "EAST")).isEmpty();
    }

    @Test
    void a_move_under_the_unit_itself_or_its_own_descendant_would_make_a_cycle() {
        assertThat(tree.checkMove("EAST", "EAST")).contains(NetworkRefusal.MOVE_WOULD_CREATE_CYCLE);
        assertThat(tree.checkMove("EAST", "EAST-B1")).contains(NetworkRefusal.MOVE_WOULD_CREATE_CYCLE);
        assertThat(tree.checkMove("EAST-B1", "EAST-SP1")).contains(NetworkRefusal.MOVE_WOULD_CREATE_CYCLE);
    }

    @Test
    void the_central_library_cannot_move_and_a_move_obeys_the_placement_rules() {
        assertThat(tree.checkMove("CITY", "EAST")).contains(NetworkRefusal.CANNOT_MOVE_ROOT);
        assertThat(tree.checkMove("EAST-SP1", "CITY")).isEmpty();
        assertThat(tree.checkMove("EAST-B1", "EAST-SP1")).isPresent();
        assertThat(tree.checkMove("EAST-SP1", "NOWHERE")).contains(NetworkRefusal.PARENT_NOT_FOUND);
        assertThat(tree.checkMove("EAST-SP1", "WEST")).contains(NetworkRefusal.PARENT_INACTIVE);
        assertThat(tree.checkMove("NOWHERE", "CITY")).contains(NetworkRefusal.UNIT_NOT_FOUND);
    }

    @Test
    void a_unit_leaves_service_only_when_nothing_active_stands_beneath_it() {
        assertThat(tree.checkDeactivation("EAST")).contains(NetworkRefusal.UNIT_HAS_ACTIVE_CHILDREN);
        assertThat(tree.checkDeactivation("EAST-SP1")).isEmpty();
        assertThat(tree.checkDeactivation("NOWHERE")).contains(NetworkRefusal.UNIT_NOT_FOUND);
    }

    @Test
    void a_unit_returns_to_service_only_under_an_active_parent() {
        NetworkTree withClosedParent = new NetworkTree(List.of(
                node("CITY", null, UnitType.CENTRAL_LIBRARY, true),
                node("WEST", "CITY", UnitType.MAIN_LIBRARY, false),
                node("WEST-B1", "WEST", UnitType.BRANCH, false)));
        assertThat(withClosedParent.checkReactivation("WEST-B1")).contains(NetworkRefusal.PARENT_INACTIVE);
        assertThat(withClosedParent.checkReactivation("WEST")).isEmpty();
        assertThat(withClosedParent.checkReactivation("CITY")).isEmpty();
    }
}
