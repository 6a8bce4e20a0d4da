package org.shuxiang.platform.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.format.annotation.DateTimeFormat;
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

    private final AuditTrail trail;
    private final JsonMapper json;

    AuditController(AuditTrail trail, JsonMapper json) {
        this.trail = trail;
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
        AuditTrail.Page page = trail.search(new AuditTrail.Query(actor.orElse(null), action.orElse(null),
                targetType.orElse(null), targetId.orElse(null), unit.orElse(null), from.orElse(null),
                to.orElse(null), before.orElse(null), limit));
        return new AuditPage(page.events().stream().map(e -> new AuditEventView(e.id(), e.occurredAt(), e.actor(),
                e.actorType(), e.remoteAddress(), e.action(), e.targetType(), e.targetId(), e.unitCode(),
                json.readTree(e.details()))).toList(), page.nextBefore());
    }
}
