package org.shuxiang.network;

import java.time.LocalDate;

/** Days on which a unit stays closed whatever its weekly hours say (a holiday, works), both ends included. */
public record ClosedPeriod(LocalDate firstDay, LocalDate lastDay, String reason) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    public boolean isValid() {
        return firstDay != null && lastDay != null && !lastDay.isBefore(firstDay);
    }

    public boolean overlaps(ClosedPeriod other) {
        return !firstDay.isAfter(other.lastDay) && !other.firstDay.isAfter(lastDay);
    }
}
