package org.shuxiang.platform.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the audit log, newest first, for auditors and administrators: only the events of the units
 * they hold {@code AUDIT_READ} on. Page on with {@code before} = the last id seen.
 */
@Service
@org.springframework.modulith.NamedInterface("audit")
public class AuditTrail {

    /** What to look for; every part may be null. */
    public record Query(String actor, String action, String targetType, String targetId, String unit,
                        OffsetDateTime from, OffsetDateTime to, Long before, int limit) {
    }

    /** One event; {@code details} is the JSON text the change was stored with. */
    public record Event(long id, OffsetDateTime occurredAt, String actor, String actorType, String remoteAddress,
                        String action, String targetType, String targetId, String unitCode, String details) {
    }

    public record Page(List<Event> events, Long nextBefore) {
    }

    private final JdbcClient jdbc;
    private final AccessControl access;

    AuditTrail(JdbcClient jdbc, AccessControl access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    @Transactional(readOnly = true)
    public Page search(Query query) {
        access.requireSomewhere(Permission.AUDIT_READ);
        Optional<Set<String>> scope = access.unitsWhere(Permission.AUDIT_READ);
        int size = Math.max(1, Math.min(query.limit(), 500));
        List<Event> events = jdbc.sql("""
                select id, occurred_at, actor, actor_type, remote_address, action, target_type, target_id,
                       unit_code, details::text as details
                from audit_event
                where (cast(:actor as text) is null or actor = :actor)
                  and (cast(:action as text) is null or action = :action)
                  and (cast(:targetType as text) is null or target_type = :targetType)
                  and (cast(:targetId as text) is null or target_id = :targetId)
                  and (cast(:unit as text) is null or unit_code = :unit)
                  and (cast(:from as timestamptz) is null or occurred_at >= :from)
                  and (cast(:to as timestamptz) is null or occurred_at < :to)
                  and (cast(:before as bigint) is null or id < :before)
                  and (:unscoped or unit_code = any(:scope))
                order by id desc
                limit :limit
                """)
                .param("actor", blank(query.actor()))
                .param("action", blank(query.action()))
                .param("targetType", blank(query.targetType()))
                .param("targetId", blank(query.targetId()))
                .param("unit", blank(query.unit()))
                .param("from", query.from())
                .param("to", query.to())
                .param("before", query.before())
                .param("unscoped", scope.isEmpty())
                .param("scope", scope.orElse(Set.of()).toArray(String[]::new))
                .param("limit", size)
                .query((rs, n) -> new Event(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("actor"), rs.getString("actor_type"), rs.getString("remote_address"),
                        rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                        rs.getString("unit_code"), rs.getString("details")))
                .list();
        Long next = events.size() == size ? events.get(events.size() - 1).id() : null;
        return new Page(events, next);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
