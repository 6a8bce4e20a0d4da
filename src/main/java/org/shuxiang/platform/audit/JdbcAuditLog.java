package org.shuxiang.platform.audit;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Writes audit events in the caller's transaction, so an event exists exactly when its change does. */
@Component
class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final JsonMapper json;

    JdbcAuditLog(JdbcClient jdbc, AccessControl access, JsonMapper json) {
        this.jdbc = jdbc;
        this.access = access;
        this.json = json;
    }

    @Override
    public void record(String action, String targetType, String targetId, String unitCode, Map<String, ?> details) {
        Actor actor = access.currentActor();
        jdbc.sql("""
                insert into audit_event (actor, actor_type, remote_address, action, target_type, target_id,
                                         unit_code, details)
                values (:actor, :actorType, :address, :action, :targetType, :targetId, :unitCode, cast(:details as jsonb))
                """)
                .param("actor", actor.name())
                .param("actorType", actor.kind())
                .param("address", remoteAddress())
                .param("action", action)
                .param("targetType", targetType)
                .param("targetId", targetId)
                .param("unitCode", unitCode)
                .param("details", json.writeValueAsString(details == null ? Map.of() : details))
                .update();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
