package org.shuxiang.network.web;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shuxiang.network.ClosedPeriod;
import org.shuxiang.network.OpeningHours;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.TimeRange;
import org.shuxiang.network.UnitType;

/** A unit as the REST API reads and writes it. */
public record OrgUnitBody(
        @NotBlank @Pattern(regexp = CODE) String code,
        @Pattern(regexp = CODE) String parentCode,
        @NotNull UnitType type,
        @NotBlank @Size(max = 200) String nameZh,
        @Size(max = 200) String nameEn,
        @NotBlank @Pattern(regexp = CODE) String operatorCode,
        @Size(max = 500) String address,
        @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude,
        @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
        @NotNull Boolean lends,
        @NotNull Boolean acceptsReturns,
        @NotNull Boolean pickupPoint,
        @NotNull Boolean staffed,
        Boolean active,
        Map<DayOfWeek, List<@Valid @NotNull Hours>> openingHours,
        List<@Valid @NotNull Closed> closedPeriods) {

    static final String CODE = "[A-Z0-9][A-Z0-9-]{0,31}";
    static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d|24:00";

    /** Open from {@code opens} to {@code closes}, "HH:mm", "24:00" for midnight at the end of the day. */
    public record Hours(@NotNull @Pattern(regexp = TIME) String opens, @NotNull @Pattern(regexp = TIME) String closes) {
    }

    public record Closed(@NotNull LocalDate firstDay, @NotNull LocalDate lastDay, @Size(max = 200) String reason) {
    }

    OrgUnit toUnit() {
        EnumMap<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        if (openingHours != null) {
            openingHours.forEach((day, ranges) -> days.put(day, ranges.stream()
                    .map(h -> new TimeRange(TimeRange.parseMinute(h.opens()), TimeRange.parseMinute(h.closes())))
                    .toList()));
        }
        List<ClosedPeriod> closed = closedPeriods == null ? List.of()
                : closedPeriods.stream().map(c -> new ClosedPeriod(c.firstDay(), c.lastDay(), c.reason())).toList();
        return new OrgUnit(code, parentCode, type, nameZh, nameEn, operatorCode, address, latitude, longitude,
                new OrgUnit.Services(lends, acceptsReturns, pickupPoint, staffed), active == null || active,
                new OpeningHours(days), closed);
    }

    static OrgUnitBody of(OrgUnit unit) {
        EnumMap<DayOfWeek, List<Hours>> hours = new EnumMap<>(DayOfWeek.class);
        unit.openingHours().days().forEach((day, ranges) ->
                hours.put(day, ranges.stream().map(r -> new Hours(r.opens(), r.closes())).toList()));
        return new OrgUnitBody(unit.code(), unit.parentCode(), unit.type(), unit.nameZh(), unit.nameEn(),
                unit.operatorCode(), unit.address(), unit.latitude(), unit.longitude(), unit.services().lends(),
                unit.services().acceptsReturns(), unit.services().pickupPoint(), unit.services().staffed(),
                unit.active(), hours,
                unit.closedPeriods().stream().map(c -> new Closed(c.firstDay(), c.lastDay(), c.reason())).toList());
    }
}
