package org.shuxiang.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class AccessControlTest {

    // CITY ─┬─ YIAN ── YIAN-B1 (operator SELF)
    //       └─ JQ ─┬─ JQ-B1 (operator WENYUE)
    //              └─ JQ-SP1 (operator SELF)
    private static final Map<String, String> PARENT = Map.of("YIAN", "CITY", "YIAN-B1", "YIAN", "JQ", "CITY",
            "JQ-B1", "JQ", "JQ-SP1", "JQ");
    private static final Map<String, String> OPERATOR = Map.of("CITY", "SELF", "YIAN", "SELF", "YIAN-B1", "SELF",
            "JQ", "SELF", "JQ-B1", "WENYUE", "JQ-SP1", "SELF");

    private static final UnitHierarchy HIERARCHY = new UnitHierarchy() {
        @Override
        public boolean exists(String unitCode) {
            return OPERATOR.containsKey(unitCode);
        }

        @Override
        public boolean isWithin(String unitCode, String ancestorCode) {
            for (String u = unitCode; u != null; u = PARENT.get(u)) {
                if (u.equals(ancestorCode)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean isRoot(String unitCode) {
            return "CITY".equals(unitCode);
        }

        @Override
        public Optional<String> operatorOf(String unitCode) {
            return Optional.ofNullable(OPERATOR.get(unitCode));
        }

        @Override
        public Set<String> subtree(String rootCode) {
            return OPERATOR.keySet().stream().filter(u -> isWithin(u, rootCode)).collect(Collectors.toSet());
        }
    };

    private final AccessControl access = new AccessControl(HIERARCHY);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void signIn(Actor actor) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
    }

    @Test
    void a_library_manager_may_change_units_in_their_subtree_and_nowhere_else() {
        signIn(new Actor.Staff(1, "yian", List.of(Grant.on(Role.LIBRARY_MANAGER, "YIAN"))));
        assertThat(access.allows(Permission.NETWORK_WRITE, "YIAN")).isTrue();
        assertThat(access.allows(Permission.NETWORK_WRITE, "YIAN-B1")).isTrue();
        assertThat(access.allows(Permission.NETWORK_WRITE, "JQ-B1")).isFalse();
        assertThat(access.allows(Permission.NETWORK_WRITE, "CITY")).isFalse();
        assertThatThrownBy(() -> access.require(Permission.NETWORK_WRITE, "JQ"))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).refusal()).isEqualTo(PlatformRefusal.ACCESS_DENIED);
        assertThatThrownBy(() -> access.requireWholeNetwork(Permission.NETWORK_WRITE))
                .isInstanceOf(RefusedException.class);
    }

    @Test
    void a_role_gives_only_its_own_permissions() {
        signIn(new Actor.Staff(2, "desk", List.of(Grant.on(Role.CIRCULATION_STAFF, "YIAN"))));
        assertThat(access.allows(Permission.CIRCULATE, "YIAN-B1")).isTrue();
        assertThat(access.allows(Permission.NETWORK_WRITE, "YIAN-B1")).isFalse();
        assertThat(access.allows(Permission.AUDIT_READ, "YIAN-B1")).isFalse();
    }

    @Test
    void operator_staff_act_only_on_the_units_their_company_runs() {
        signIn(new Actor.Staff(3, "wenyue", List.of(new Grant(Role.OPERATOR_STAFF, "JQ", "WENYUE"))));
        assertThat(access.allows(Permission.CIRCULATE, "JQ-B1")).isTrue();
        assertThat(access.allows(Permission.CIRCULATE, "JQ-SP1")).isFalse();
        assertThat(access.allows(Permission.CIRCULATE, "YIAN-B1")).isFalse();
        assertThat(access.unitsWhere(Permission.CIRCULATE)).contains(Set.of("JQ-B1"));
    }

    @Test
    void an_administrator_of_the_whole_network_is_limited_by_no_unit() {
        signIn(new Actor.Staff(4, "admin", List.of(Grant.wholeNetwork(Role.ADMINISTRATOR))));
        assertThat(access.allows(Permission.STAFF_MANAGE, "JQ-SP1")).isTrue();
        assertThat(access.unitsWhere(Permission.AUDIT_READ)).isEmpty();
        access.requireWholeNetwork(Permission.STAFF_MANAGE);
    }

    @Test
    void a_grant_on_the_central_library_covers_the_whole_network() {
        signIn(new Actor.Staff(5, "central", List.of(Grant.on(Role.NETWORK_MANAGER, "CITY"))));
        access.requireWholeNetwork(Permission.NETWORK_WRITE);
        assertThat(access.unitsWhere(Permission.AUDIT_READ)).isEmpty();
        assertThat(access.allows(Permission.NETWORK_WRITE, null)).isTrue();
    }

    @Test
    void nobody_signed_in_may_do_nothing() {
        assertThat(access.currentActor()).isInstanceOf(Actor.Anonymous.class);
        assertThat(access.allows(Permission.NETWORK_READ, "CITY")).isFalse();
        assertThatThrownBy(() -> access.requireSomewhere(Permission.NETWORK_READ)).isInstanceOf(RefusedException.class);
    }

    @Test
    void a_machine_key_acts_with_its_own_permissions_on_its_own_unit() {
        signIn(new Actor.Machine("k1", "kiosk", "YIAN-B1", Set.of(Permission.CIRCULATE)));
        assertThat(access.allows(Permission.CIRCULATE, "YIAN-B1")).isTrue();
        assertThat(access.allows(Permission.CIRCULATE, "YIAN")).isFalse();
        assertThat(access.allows(Permission.NETWORK_WRITE, "YIAN-B1")).isFalse();
    }

    @Test
    void the_platform_acting_for_itself_may_do_everything_and_then_steps_back() {
        String result = access.asSystem("job", () -> {
            assertThat(access.allows(Permission.NETWORK_WRITE, "JQ-SP1")).isTrue();
            return access.currentActor().name();
        });
        assertThat(result).isEqualTo("job");
        assertThat(access.currentActor()).isInstanceOf(Actor.Anonymous.class);
    }
}
