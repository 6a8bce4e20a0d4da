package org.shuxiang.site;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Where units are for a reader: distances from where the reader stands, and a small map of the city
 * drawn from the units' coordinates alone (no map tiles, so it works on a closed network too).
 */
final class Places {

    private static final double EARTH_RADIUS_KM = 6371.0;

    private Places() {
    }

    /** A point where the reader stands, when they shared it. */
    record Position(double latitude, double longitude) {
        static Position of(Double latitude, Double longitude) {
            if (latitude == null || longitude == null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180
                    || latitude.isNaN() || longitude.isNaN()) {
                return null;
            }
            return new Position(latitude, longitude);
        }
    }

    /** Great-circle distance in kilometres (haversine). */
    static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Kilometres from {@code from} to a unit's coordinates; null when either is unknown. */
    static Double kilometres(Position from, BigDecimal latitude, BigDecimal longitude) {
        if (from == null || latitude == null || longitude == null) {
            return null;
        }
        return kilometres(from.latitude(), from.longitude(), latitude.doubleValue(), longitude.doubleValue());
    }

    /** Nearest first; places without a distance keep their order after those with one. */
    static <T> List<T> nearestFirst(List<T> places, Function<T, Double> distance) {
        List<T> sorted = new ArrayList<>(places);
        sorted.sort(Comparator.comparing(distance, Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }

    /** A unit placed on the map: x and y in the map's box (0 to {@code width}, 0 to {@code height}). */
    record Dot(String code, String name, double x, double y) {
    }

    /**
     * Places points of latitude and longitude in a box of {@code width} × {@code height}, north up, with a
     * margin, keeping the east-west scale true at the middle latitude. Points without coordinates are left out.
     */
    static <T> List<Dot> onMap(List<T> units, Function<T, String> code, Function<T, String> name,
                               Function<T, BigDecimal> latitude, Function<T, BigDecimal> longitude,
                               double width, double height) {
        List<T> placed = units.stream().filter(u -> latitude.apply(u) != null && longitude.apply(u) != null).toList();
        if (placed.isEmpty()) {
            return List.of();
        }
        double minLat = placed.stream().mapToDouble(u -> latitude.apply(u).doubleValue()).min().orElseThrow();
        double maxLat = placed.stream().mapToDouble(u -> latitude.apply(u).doubleValue()).max().orElseThrow();
        double minLon = placed.stream().mapToDouble(u -> longitude.apply(u).doubleValue()).min().orElseThrow();
        double maxLon = placed.stream().mapToDouble(u -> longitude.apply(u).doubleValue()).max().orElseThrow();
        double squeeze = Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double spanX = (maxLon - minLon) * squeeze;
        double spanY = maxLat - minLat;
        double margin = 0.06;
        // a single place (or a line of them) has no span to scale: it is centred
        double scale = Math.min(width * (1 - 2 * margin) / Math.max(spanX, 1e-6),
                height * (1 - 2 * margin) / Math.max(spanY, 1e-6));
        double offsetX = (width - spanX * scale) / 2;
        double offsetY = (height - spanY * scale) / 2;
        List<Dot> dots = new ArrayList<>();
        for (T unit : placed) {
            double x = offsetX + (longitude.apply(unit).doubleValue() - minLon) * squeeze * scale;
            double y = offsetY + (maxLat - latitude.apply(unit).doubleValue()) * scale;
            dots.add(new Dot(code.apply(unit), name.apply(unit), round(x), round(y)));
        }
        return dots;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
