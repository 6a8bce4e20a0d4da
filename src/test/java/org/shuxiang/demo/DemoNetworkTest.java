package org.shuxiang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.shuxiang.network.NetworkTree;
import org.shuxiang.network.Operator;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.UnitType;

/** The demo network has Tongling's shape (DOMAIN.md) and every unit stands where the rules allow. */
class DemoNetworkTest {

    private final List<OrgUnit> units = DemoNetwork.units();
    private final Map<UnitType, Long> byType = units.stream()
            .collect(Collectors.groupingBy(OrgUnit::type, Collectors.counting()));

    @Test
    void it_has_one_central_library_and_the_four_main_libraries_of_tongling() {
        assertThat(byType.get(UnitType.CENTRAL_LIBRARY)).isEqualTo(1);
        assertThat(units.stream().filter(u -> u.type() == UnitType.MAIN_LIBRARY).map(OrgUnit::nameZh))
                .containsExactlyInAnyOrder("铜官区图书馆", "义安区图书馆", "郊区图书馆", "枞阳县图书馆");
    }

    @Test
    void it_has_the_branches_points_and_machines_of_a_city_network() {
        assertThat(byType.get(UnitType.BRANCH)).isGreaterThanOrEqualTo(20);
        assertThat(byType.get(UnitType.READING_POINT)).isEqualTo(54);
        assertThat(units.stream().filter(u -> u.type() == UnitType.READING_POINT && u.services().lends()).count())
                .isEqualTo(22);
        assertThat(byType.get(UnitType.SERVICE_POINT)).isGreaterThanOrEqualTo(200);
        assertThat(byType.get(UnitType.TWENTY_FOUR_HOUR_LIBRARY)).isEqualTo(5);
        assertThat(byType.get(UnitType.BOOK_NEST)).isEqualTo(30);
        assertThat(byType.get(UnitType.PARTNER_VENUE)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void every_unit_stands_under_a_parent_that_may_hold_it_and_comes_before_it() {
        List<NetworkTree.Node> placed = new ArrayList<>();
        for (OrgUnit unit : units) {
            NetworkTree tree = new NetworkTree(placed);
            assertThat(tree.checkPlacement(unit.type(), unit.parentCode())).as(unit.code()).isEmpty();
            assertThat(unit.openingHours().check()).as(unit.code()).isEmpty();
            placed.add(new NetworkTree.Node(unit.code(), unit.parentCode(), unit.type(), unit.operatorCode(), true,
                    unit.nameZh()));
        }
        assertThat(units.stream().map(OrgUnit::code).distinct().count()).isEqualTo(units.size());
    }

    @Test
    void one_district_is_run_by_an_outsourcing_company_and_every_operator_exists() {
        Map<String, Operator> operators = DemoNetwork.operators().stream()
                .collect(Collectors.toMap(Operator::code, Function.identity()));
        Set<String> used = units.stream().map(OrgUnit::operatorCode).collect(Collectors.toSet());
        assertThat(operators.keySet()).containsAll(used);
        assertThat(units.stream().filter(u -> operators.get(u.operatorCode()).kind()
                == Operator.Kind.OUTSOURCING_COMPANY)).isNotEmpty()
                .allMatch(u -> u.code().startsWith("JQ"));
    }

    @Test
    void every_unit_lies_in_and_around_tongling() {
        assertThat(units).allSatisfy(u -> {
            assertThat(u.latitude().doubleValue()).isBetween(30.4, 31.2);
            assertThat(u.longitude().doubleValue()).isBetween(116.9, 118.2);
        });
    }

    @Test
    void reading_points_that_are_evaluated_open_at_least_forty_hours_a_week() {
        assertThat(DemoNetwork.hours("READING_POINT").weeklyHours()).isGreaterThanOrEqualTo(40);
        assertThat(DemoNetwork.hours("ALWAYS").weeklyHours()).isEqualTo(168);
    }
}
