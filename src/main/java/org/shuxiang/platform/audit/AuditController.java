package org.shuxiang.platform.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, for auditors and administrators, limited to
 * the units they hold {@code AUDIT_READ} on. Page on with {@code before} = the last id seen.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    record AuditEventView(long id, OffsetDateTime occurredAt, String actor, String actorType, String remoteAddress,
                          String action, String targetType, String targetId, String unitCode, JsonNode details) {
    }

    record AuditPage(List<AuditEventView> events, Long nextBefore) {
    }

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final JsonMapper json;

    AuditController(JdbcClient jdbc, AccessControl access, JsonMapper json) {
        this.jdbc = jdbc;
        this.access = access;
        this.json = json;
    }

    @GetMapping
    AuditPage search(@RequestParam Optional<String> actor,
                     @RequestParam Optional<String> action,
                     @RequestParam Optional<String> targetType,
                     @RequestParam Optional<String> targetId,
                     @RequestParam Optional<String> unit,
                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Optional<OffsetDateTime> from,
                     @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Optional<OffsetDateTime> to,
                     @RequestParam Optional<Long> before,
                     @RequestParam(defaultValue = "50") int limit) {
        access.requireSomewhere(Permission.AUDIT_READ);
        Optional<Set<String>> scope = access.unitsWhere(Permission.AUDIT_READ);
        int size = Math.max(1, Math.min(limit, 500));
        List<AuditEventView> events = jdbc.sql("""
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
                .param("actor", actor.orElse(null))
                .param("action", action.orElse(null))
                .param("targetType", targetType.orElse(null))
                .param("targetId", targetId.orElse(null))
                .param("unit", unit.orElse(null))
                .param("from", from.orElse(null))
                .param("to", to.orElse(null))
                .param("before", before.orElse(null))
                .param("unscoped", scope.isEmpty())
                .param("scope", scope.orElse(Set.of()).toArray(String[]::new))
                .param("limit", size)
                .query((rs, n) -> new AuditEventView(rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("actor_type"), rs.getString("remote_address"), rs.getString("action"),
                        rs.getString("target_type"), rs.getString("target_id"), rs.getString("unit_code"),
                        json.readTree(rs.getString("details"))))
                .list();
        Long next = events.size() == size ? events.get(events.size() - 1).id() : null;
        return new AuditPage(events, next);
    }

}
