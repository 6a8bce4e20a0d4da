package org.shuxiang.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Distances for "nearest first", and the city map drawn from coordinates alone. */
class PlacesTest {

    record Unit(String code, BigDecimal lat, BigDecimal lng) {
    }

    private static final Unit CENTRAL = new Unit("TLLIB", new BigDecimal("30.93012"), new BigDecimal("117.81236"));
    private static final Unit YIAN = new Unit("YAQ", new BigDecimal("30.94712"), new BigDecimal("117.87530"));
    private static final Unit NOWHERE = new Unit("X", null, null);

    @Test
    void the_distance_between_two_libraries_is_the_great_circle_distance() {
        // Tongling central library to the Yi'an district library: about 6.3 km as the crow flies
        assertThat(Places.kilometres(30.93012, 117.81236, 30.94712, 117.87530)).isCloseTo(6.3, within(0.2));
        assertThat(Places.kilometres(30.0, 117.0, 30.0, 117.0)).isZero();
    }

    @Test
    void nearest_first_puts_units_without_coordinates_last() {
        Places.Position atYian = new Places.Position(30.947, 117.875);
        List<Unit> sorted = Places.nearestFirst(List.of(NOWHERE, CENTRAL, YIAN),
                u -> Places.kilometres(atYian, u.lat(), u.lng()));
        assertThat(sorted).extracting(Unit::code).containsExactly("YAQ", "TLLIB", "X");
    }

    @Test
    void a_shared_position_must_be_a_place_on_earth() {
        assertThat(Places.Position.of(30.9, 117.8)).isNotNull();
        assertThat(Places.Position.of(95.0, 117.8)).isNull();
        assertThat(Places.Position.of(null, 117.8)).isNull();
        assertThat(Places.Position.of(Double.NaN, 117.8)).isNull();
    }

    @Test
    void the_map_keeps_north_up_and_east_right_inside_its_box() {
        List<Places.Dot> dots = Places.onMap(List.of(CENTRAL, YIAN, NOWHERE), Unit::code, Unit::code, Unit::lat,
                Unit::lng, 320, 240);
        assertThat(dots).extracting(Places.Dot::code).containsExactly("TLLIB", "YAQ");
        Places.Dot central = dots.get(0);
        Places.Dot yian = dots.get(1);
        assertThat(yian.x()).as("Yi'an lies east").isGreaterThan(central.x());
        assertThat(yian.y()).as("and north, so higher on the map").isLessThan(central.y());
        for (Places.Dot dot : dots) {
            assertThat(dot.x()).isBetween(0.0, 320.0);
            assertThat(dot.y()).isBetween(0.0, 240.0);
        }
    }

    @Test
    void one_unit_alone_sits_in_the_middle_of_the_map() {
        List<Places.Dot> dots = Places.onMap(List.of(CENTRAL), Unit::code, Unit::code, Unit::lat, Unit::lng, 320, 200);
        assertThat(dots.get(0).x()).isCloseTo(160.0, within(0.1));
        assertThat(dots.get(0).y()).isCloseTo(100.0, within(0.1));
    }
}
