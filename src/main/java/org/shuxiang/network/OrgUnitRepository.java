package org.shuxiang.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for units, their hours and closed periods. Lists load hours in one query, not one per unit. */
@Repository
class OrgUnitRepository {

    private static final String SELECT_UNIT = """
            select u.id, u.code, p.code as parent_code, u.type, u.name_zh, u.name_en, u.operator_code, u.address,
                   u.latitude, u.longitude, u.lends, u.accepts_returns, u.pickup_point, u.staffed, u.active
            from org_unit u left join org_unit p on p.id = u.parent_id
            """;

    private record Row(long id, OrgUnit unit) {
    }

    private final JdbcClient jdbc;

    OrgUnitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<NetworkTree.Node> treeNodes() {
        return jdbc.sql("""
                        select u.code, p.code as parent_code, u.type, u.operator_code, u.active, u.name_zh
                        from org_unit u left join org_unit p on p.id = u.parent_id""")
                .query((rs, n) -> new NetworkTree.Node(rs.getString("code"), rs.getString("parent_code"),
                        UnitType.valueOf(rs.getString("type")), rs.getString("operator_code"), rs.getBoolean("active"),
                        rs.getString("name_zh")))
                .list();
    }

    Optional<OrgUnit> find(String code) {
        List<Row> rows = jdbc.sql(SELECT_UNIT + " where u.code = :code").param("code", code).query(this::row).list();
        return withCalendars(rows).stream().findFirst();
    }

    /** Units whose codes are given (all units when {@code codes} is null), filtered by type, by code order. */
    List<OrgUnit> list(Collection<String> codes, UnitType type, Boolean active) {
        List<Row> rows = jdbc.sql(SELECT_UNIT + """
                         where (cast(:all as boolean) or u.code = any(:codes))
                           and (cast(:type as text) is null or u.type = :type)
                           and (cast(:active as boolean) is null or u.active = :active)
                         order by u.code""")
                .param("all", codes == null)
                .param("codes", codes == null ? new String[0] : codes.toArray(String[]::new))
                .param("type", type == null ? null : type.name())
                .param("active", active)
                .query(this::row).list();
        return withCalendars(rows);
    }

    boolean exists(String code) {
        return jdbc.sql("select exists(select 1 from org_unit where code = :code)").param("code", code)
                .query(Boolean.class).single();
    }

    void insert(OrgUnit unit) {
        long id = jdbc.sql("""
                        insert into org_unit (code, parent_id, type, name_zh, name_en, operator_code, address, latitude,
                                              longitude, lends, accepts_returns, pickup_point, staffed, active)
                        values (:code, (select id from org_unit where code = :parent), :type, :nameZh, :nameEn,
                                :operator, :address, :lat, :lon, :lends, :returns, :pickup, :staffed, :active)
                        returning id""")
                .param("code", unit.code())
                .param("parent", unit.parentCode())
                .param("type", unit.type().name())
                .params(fields(unit))
                .param("active", unit.active())
                .query(Long.class).single();
        replaceCalendar(id, unit);
    }

    void update(OrgUnit unit) {
        long id = jdbc.sql("""
                        update org_unit set name_zh = :nameZh, name_en = :nameEn, operator_code = :operator,
                               address = :address, latitude = :lat, longitude = :lon, lends = :lends,
                               accepts_returns = :returns, pickup_point = :pickup, staffed = :staffed,
                               version = version + 1, updated_at = now()
                        where code = :code returning id""")
                .param("code", unit.code())
                .params(fields(unit))
                .query(Long.class).single();
        replaceCalendar(id, unit);
    }

    void move(String code, String newParentCode) {
        jdbc.sql("""
                        update org_unit set parent_id = (select id from org_unit where code = :parent),
                               version = version + 1, updated_at = now()
                        where code = :code""")
                .param("code", code).param("parent", newParentCode).update();
    }

    void setActive(String code, boolean active) {
        jdbc.sql("update org_unit set active = :active, version = version + 1, updated_at = now() where code = :code")
                .param("code", code).param("active", active).update();
    }

    /** Serialises changes to the tree's shape across every node of a cluster, until the transaction ends. */
    void lockTree() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('shuxiang.network.tree'))").query().singleRow();
    }

    private static Map<String, Object> fields(OrgUnit unit) {
        Map<String, Object> p = new HashMap<>();
        p.put("nameZh", unit.nameZh());
        p.put("nameEn", unit.nameEn());
        p.put("operator", unit.operatorCode());
        p.put("address", unit.address());
        p.put("lat", unit.latitude());
        p.put("lon", unit.longitude());
        p.put("lends", unit.services().lends());
        p.put("returns", unit.services().acceptsReturns());
        p.put("pickup", unit.services().pickupPoint());
        p.put("staffed", unit.services().staffed());
        return p;
    }

    private void replaceCalendar(long id, OrgUnit unit) {
        jdbc.sql("delete from org_unit_hours where unit_id = :id").param("id", id).update();
        unit.openingHours().days().forEach((day, ranges) -> ranges.forEach(range ->
                jdbc.sql("""
                                insert into org_unit_hours (unit_id, weekday, opens_minute, closes_minute)
                                values (:id, :day, :opens, :closes)""")
                        .param("id", id).param("day", day.getValue())
                        .param("opens", range.opensMinute()).param("closes", range.closesMinute())
                        .update()));
        jdbc.sql("delete from org_unit_closed_days where unit_id = :id").param("id", id).update();
        for (ClosedPeriod period : unit.closedPeriods()) {
            jdbc.sql("""
                            insert into org_unit_closed_days (unit_id, first_day, last_day, reason)
                            values (:id, :first, :last, :reason)""")
                    .param("id", id).param("first", period.firstDay()).param("last", period.lastDay())
                    .param("reason", period.reason())
                    .update();
        }
    }

    private List<OrgUnit> withCalendars(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        Map<Long, Map<DayOfWeek, List<TimeRange>>> hours = new HashMap<>();
        jdbc.sql("""
                        select unit_id, weekday, opens_minute, closes_minute from org_unit_hours
                        where unit_id = any(:ids) order by unit_id, weekday, opens_minute""")
                .param("ids", ids)
                .query(rs -> {
                    hours.computeIfAbsent(rs.getLong("unit_id"), k -> new EnumMap<>(DayOfWeek.class))
                            .computeIfAbsent(DayOfWeek.of(rs.getInt("weekday")), k -> new ArrayList<>())
                            .add(new TimeRange(rs.getInt("opens_minute"), rs.getInt("closes_minute")));
                });
        Map<Long, List<ClosedPeriod>> closed = new HashMap<>();
        jdbc.sql("""
                        select unit_id, first_day, last_day, reason from org_unit_closed_days
                        where unit_id = any(:ids) order by unit_id, first_day""")
                .param("ids", ids)
                .query(rs -> {
                    closed.computeIfAbsent(rs.getLong("unit_id"), k -> new ArrayList<>())
                            .add(new ClosedPeriod(rs.getObject("first_day", LocalDate.class),
                                    rs.getObject("last_day", LocalDate.class), rs.getString("reason")));
                });
        return rows.stream().map(r -> {
            OrgUnit u = r.unit();
            return new OrgUnit(u.code(), u.parentCode(), u.type(), u.nameZh(), u.nameEn(), u.operatorCode(),
                    u.address(), u.latitude(), u.longitude(), u.services(), u.active(),
                    new OpeningHours(hours.getOrDefault(r.id(), Map.of())), closed.getOrDefault(r.id(), List.of()));
        }).toList();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), new OrgUnit(rs.getString("code"), rs.getString("parent_code"),
                UnitType.valueOf(rs.getString("type")), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getString("operator_code"), rs.getString("address"), rs.getBigDecimal("latitude"),
                rs.getBigDecimal("longitude"),
                new OrgUnit.Services(rs.getBoolean("lends"), rs.getBoolean("accepts_returns"),
                        rs.getBoolean("pickup_point"), rs.getBoolean("staffed")),
                rs.getBoolean("active"), OpeningHours.closed(), List.of()));
    }
}
