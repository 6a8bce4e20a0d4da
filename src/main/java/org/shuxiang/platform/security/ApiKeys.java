package org.shuxiang.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for machines and partners. A key reads {@code sx_<keyId>_<secret>}; only the SHA-256 of the
 * secret is stored (the secret is random and long, so a slow hash adds nothing), and the key is
 * shown once, when it is issued.
 */
@Service
@org.springframework.modulith.NamedInterface("api-keys")
public class ApiKeys {

    static final String PREFIX = "sx_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long LAST_USED_RESOLUTION_MILLIS = 60_000;

    public enum Kind { DEVICE, PARTNER, INTEGRATION }

    public record ApiKey(String keyId, String name, Kind kind, String unitCode, Set<Permission> permissions,
                         String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** A newly issued key: {@code token} is the whole bearer value, shown this once. */
    public record IssuedKey(ApiKey key, String token) {
    }

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final AuditLog audit;
    private final UnitHierarchy units;
    private final Map<String, Long> lastUseWritten = new ConcurrentHashMap<>();
    /** Keys checked lately, so that a busy machine's requests do not each read the key again. */
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private static final long CHECKED_FOR_NANOS = 10_000_000_000L;

    private record Checked(byte[] hash, Actor.Machine machine, long until) {
    }

    ApiKeys(JdbcClient jdbc, AccessControl access, AuditLog audit, UnitHierarchy units) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.units = units;
    }

    @Transactional
    public IssuedKey issue(String name, Kind kind, String unitCode, Set<Permission> permissions) {
        if (unitCode == null) {
            access.requireWholeNetwork(Permission.API_KEY_MANAGE);
        } else {
            if (!units.exists(unitCode)) {
                throw RefusedException.onField("unitCode", PlatformRefusal.UNKNOWN_UNIT, unitCode);
            }
            access.require(Permission.API_KEY_MANAGE, unitCode);
        }
        String keyId = HexFormat.of().formatHex(randomBytes(6));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        String creator = access.currentActor().name();
        jdbc.sql("""
                        insert into api_key (key_id, secret_hash, name, kind, unit_code, permissions, created_by)
                        values (:keyId, :hash, :name, :kind, :unit, :permissions, :createdBy)""")
                .param("keyId", keyId)
                .param("hash", sha256(secret))
                .param("name", name)
                .param("kind", kind.name())
                .param("unit", unitCode)
                .param("permissions", permissions.stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("createdBy", creator)
                .update();
        audit.record("API_KEY_ISSUED", "API_KEY", keyId, unitCode,
                Map.of("name", name, "kind", kind, "permissions", permissions));
        return new IssuedKey(find(keyId).orElseThrow(), PREFIX + keyId + "_" + secret);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        access.requireSomewhere(Permission.API_KEY_MANAGE);
        Optional<Set<String>> scope = access.unitsWhere(Permission.API_KEY_MANAGE);
        return jdbc.sql("""
                        select * from api_key
                        where :unscoped or unit_code = any(:scope)
                        order by created_at desc""")
                .param("unscoped", scope.isEmpty())
                .param("scope", scope.orElse(Set.of()).toArray(String[]::new))
                .query((rs, n) -> key(rs)).list();
    }

    @Transactional
    public void revoke(String keyId) {
        ApiKey key = find(keyId).orElseThrow(() -> new RefusedException(PlatformRefusal.API_KEY_NOT_FOUND, keyId));
        if (key.unitCode() == null) {
            access.requireWholeNetwork(Permission.API_KEY_MANAGE);
        } else {
            access.require(Permission.API_KEY_MANAGE, key.unitCode());
        }
        jdbc.sql("update api_key set revoked_at = now() where key_id = :keyId and revoked_at is null")
                .param("keyId", keyId).update();
        checked.remove(keyId);
        audit.record("API_KEY_REVOKED", "API_KEY", keyId, key.unitCode(), Map.of("name", key.name()));
    }

    /** The machine a bearer token stands for, if the token is a live key. */
    Optional<Actor.Machine> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int split = rest.indexOf('_');
        if (split <= 0) {
            return Optional.empty();
        }
        String keyId = rest.substring(0, split);
        byte[] presented = sha256(rest.substring(split + 1));
        Checked recent = checked.get(keyId);
        if (recent != null && recent.until() > System.nanoTime() && MessageDigest.isEqual(recent.hash(), presented)) {
            return Optional.of(recent.machine());
        }
        record Stored(byte[] hash, ApiKey key) {
        }
        Optional<Stored> stored = jdbc.sql("select * from api_key where key_id = :keyId and revoked_at is null")
                .param("keyId", keyId)
                .query((rs, n) -> new Stored(rs.getBytes("secret_hash"), key(rs)))
                .optional();
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().hash(), presented)) {
            return Optional.empty();
        }
        noteUse(keyId);
        ApiKey key = stored.get().key();
        Actor.Machine machine = new Actor.Machine(key.keyId(), key.name(), key.unitCode(), key.permissions());
        // a revoked key stops working here at once, and on other nodes within ten seconds
        checked.put(keyId, new Checked(stored.get().hash(), machine, System.nanoTime() + CHECKED_FOR_NANOS));
        return Optional.of(machine);
    }

    /** Writes the last use at most once a minute per key, to keep writes off the hot path. */
    private void noteUse(String keyId) {
        long now = System.currentTimeMillis();
        Long previous = lastUseWritten.get(keyId);
        if (previous == null || now - previous > LAST_USED_RESOLUTION_MILLIS) {
            lastUseWritten.put(keyId, now);
            jdbc.sql("update api_key set last_used_at = now() where key_id = :keyId").param("keyId", keyId).update();
        }
    }

    private Optional<ApiKey> find(String keyId) {
        return jdbc.sql("select * from api_key where key_id = :keyId").param("keyId", keyId)
                .query((rs, n) -> key(rs)).optional();
    }

    private static ApiKey key(java.sql.ResultSet rs) throws SQLException {
        Array array = rs.getArray("permissions");
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream((String[]) array.getArray()).map(Permission::valueOf).forEach(permissions::add);
        return new ApiKey(rs.getString("key_id"), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
                rs.getString("unit_code"), Set.copyOf(permissions), rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
