package org.shuxiang.platform.audit;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.database.WritesAtCommit;
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

    private static final String INSERT = """
            insert into audit_event (actor, actor_type, remote_address, action, target_type, target_id, unit_code,
                                     details)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""";

    /** Written with the transaction's commit (no one reads an event back in the transaction that makes it). */
    @Override
    public void record(String action, String targetType, String targetId, String unitCode, Map<String, ?> details) {
        Actor actor = access.currentActor();
        Map<String, ?> written = details == null ? Map.of() : details;
        String flat = FlatJson.write(written);
        Object[] row = {actor.name(), actor.kind(), remoteAddress(), action, targetType, targetId, unitCode,
                flat != null ? flat : json.writeValueAsString(written)};
        WritesAtCommit.addOrWrite(jdbc, INSERT, row);
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
