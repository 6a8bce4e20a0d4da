package org.shuxiang.selfservice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.shuxiang.platform.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry of self-service devices: what each is, where, how it speaks (SIP2 account, API key), and
 * whether it is alive. Every SIP2 message and device API call is a sign of life; a device silent for
 * longer than {@code shuxiang.devices.offline-after} is marked offline, and one at a 24-hour library
 * raises an alert, closed again when it speaks.
 */
@Service
@EnableConfigurationProperties(DeviceSettings.class)
public class Devices {

    private static final Logger log = LoggerFactory.getLogger(Devices.class);
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");
    /** Signs of life are written at most this often per device, to keep writes off the hot path. */
    private static final long SEEN_RESOLUTION_MILLIS = 15_000;

    public record Device(long id, String code, DeviceKind kind, String name, String unitCode, String sip2Login,
                         String apiKeyId, boolean enabled, Instant createdAt, Instant lastSeenAt, String lastStatus,
                         boolean online, Instant offlineSince) {

        public boolean can(Capability capability) {
            return enabled && kind.can(capability);
        }
    }

    /** A newly registered device; {@code apiKey} is its bearer key, shown this once. */
    public record Registered(Device device, String apiKey) {
    }

    public record Alert(long id, String deviceCode, String deviceName, DeviceKind deviceKind, String unitCode,
                        String kind, Instant raisedAt, String message, Instant clearedAt) {
    }

    private final JdbcClient jdbc;
    private final AccessControl access;
    private final AuditLog audit;
    private final UnitHierarchy units;
    private final ApiKeys keys;
    private final DeviceSettings settings;
    private final Map<String, Long> seenWritten = new ConcurrentHashMap<>();
    private final TransactionTemplate transactions;

    Devices(JdbcClient jdbc, AccessControl access, AuditLog audit, UnitHierarchy units, ApiKeys keys,
            DeviceSettings settings, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.units = units;
        this.keys = keys;
        this.settings = settings;
    }

    /**
     * Registers a device at a unit, with the SIP2 account it logs in with (optional; it must be at the same
     * unit) and a new API key for the device API, returned once.
     */
    @Transactional
    public Registered register(String code, DeviceKind kind, String name, String unitCode, String sip2Login) {
        if (unitCode == null || !units.exists(unitCode)) {
            throw RefusedException.onField("unitCode", PlatformRefusal.UNKNOWN_UNIT, unitCode);
        }
        access.require(Permission.NETWORK_WRITE, unitCode);
        String normalized = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!CODE.matcher(normalized).matches()) {
            throw RefusedException.onField("code", PlatformRefusal.VALIDATION_FAILED);
        }
        if (find(normalized).isPresent()) {
            throw RefusedException.onField("code", SelfServiceRefusal.DEVICE_CODE_TAKEN, normalized);
        }
        if (sip2Login != null && !sip2Login.isBlank()) {
            Optional<String> accountUnit = jdbc.sql("select unit_code from sip2_account where login = :login")
                    .param("login", sip2Login).query(String.class).optional();
            if (accountUnit.isEmpty()) {
                throw RefusedException.onField("sip2Login", SelfServiceRefusal.SIP2_ACCOUNT_UNKNOWN, sip2Login);
            }
            if (!accountUnit.get().equals(unitCode)) {
                throw RefusedException.onField("sip2Login", SelfServiceRefusal.SIP2_ACCOUNT_ELSEWHERE, sip2Login,
                        accountUnit.get());
            }
            if (jdbc.sql("select 1 from device where sip2_login = :login").param("login", sip2Login)
                    .query(Integer.class).optional().isPresent()) {
                throw RefusedException.onField("sip2Login", SelfServiceRefusal.SIP2_ACCOUNT_TAKEN, sip2Login);
            }
        }
        String label = name == null || name.isBlank() ? normalized : name.strip();
        ApiKeys.IssuedKey key = keys.issue("device " + normalized, ApiKeys.Kind.DEVICE, unitCode, Set.of());
        jdbc.sql("""
                        insert into device (code, kind, name, unit_code, sip2_login, api_key_id, created_by)
                        values (:code, :kind, :name, :unit, :login, :key, :by)""")
                .param("code", normalized).param("kind", kind.name()).param("name", label).param("unit", unitCode)
                .param("login", sip2Login == null || sip2Login.isBlank() ? null : sip2Login)
                .param("key", key.key().keyId()).param("by", access.currentActor().name()).update();
        audit.record("DEVICE_REGISTERED", "DEVICE", normalized, unitCode,
                Map.of("kind", kind, "name", label, "sip2Login", sip2Login == null ? "" : sip2Login));
        return new Registered(find(normalized).orElseThrow(), key.token());
    }

    /** Takes a device out of service: its API key is revoked, its SIP2 account stays (staff disable that). */
    @Transactional
    public Device disable(String code) {
        Device device = get(code);
        access.require(Permission.NETWORK_WRITE, device.unitCode());
        jdbc.sql("update device set enabled = false where id = :id").param("id", device.id()).update();
        jdbc.sql("update device_alert set cleared_at = now() where device_id = :id and cleared_at is null")
                .param("id", device.id()).update();
        if (device.apiKeyId() != null) {
            keys.revoke(device.apiKeyId());
        }
        audit.record("DEVICE_DISABLED", "DEVICE", device.code(), device.unitCode(), Map.of());
        return get(code);
    }

    /**
     * A new API key for a device (its old one revoked at once): for a device replaced, or a key that may
     * have leaked. The key is returned this once.
     */
    @Transactional
    public Registered newKey(String code) {
        Device device = get(code);
        access.require(Permission.NETWORK_WRITE, device.unitCode());
        ApiKeys.IssuedKey key = keys.issue("device " + device.code(), ApiKeys.Kind.DEVICE, device.unitCode(), Set.of());
        jdbc.sql("update device set api_key_id = :key where id = :id").param("key", key.key().keyId())
                .param("id", device.id()).update();
        if (device.apiKeyId() != null) {
            keys.revoke(device.apiKeyId());
        }
        audit.record("DEVICE_KEY_ISSUED", "DEVICE", device.code(), device.unitCode(), Map.of("keyId", key.key().keyId()));
        return new Registered(find(device.code()).orElseThrow(), key.token());
    }

    /** Whether a device with this code is registered (whoever asks). */
    @Transactional(readOnly = true)
    public boolean exists(String code) {
        return find(code).isPresent();
    }

    /** The devices staff may see, of one unit's subtree or all of their scope. */
    @Transactional(readOnly = true)
    public List<Device> list(String unitCode) {
        access.requireSomewhere(Permission.NETWORK_READ);
        if (unitCode != null && !unitCode.isBlank() && !units.exists(unitCode)) {
            throw RefusedException.onField("unit", PlatformRefusal.UNKNOWN_UNIT, unitCode);
        }
        Optional<Set<String>> scope = access.unitsWhere(Permission.NETWORK_READ);
        Set<String> subtree = unitCode == null || unitCode.isBlank() ? null : units.subtree(unitCode);
        return jdbc.sql(SELECT + """
                        where (:unscoped or d.unit_code = any(:scope)) and (:all or d.unit_code = any(:subtree))
                        order by d.unit_code, d.code""")
                .param("after", seconds()).param("unscoped", scope.isEmpty())
                .param("scope", scope.orElse(Set.of()).toArray(String[]::new))
                .param("all", subtree == null)
                .param("subtree", subtree == null ? new String[0] : subtree.toArray(String[]::new))
                .query(this::device).list();
    }

    @Transactional(readOnly = true)
    public Device get(String code) {
        Device device = find(code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> new RefusedException(SelfServiceRefusal.DEVICE_NOT_FOUND, code));
        if (!access.allows(Permission.NETWORK_READ, device.unitCode())
                && !(access.currentActor() instanceof Actor.Machine m && m.keyId().equals(device.apiKeyId()))) {
            throw new RefusedException(PlatformRefusal.ACCESS_DENIED, Permission.NETWORK_READ, device.unitCode());
        }
        return device;
    }

    /** The device whose API key the current request carries; refused for any other caller. */
    @Transactional(readOnly = true)
    public Device current() {
        if (!(access.currentActor() instanceof Actor.Machine machine)) {
            throw new RefusedException(SelfServiceRefusal.NOT_A_DEVICE);
        }
        Device device = jdbc.sql(SELECT + "where d.api_key_id = :key").param("after", seconds())
                .param("key", machine.keyId()).query(this::device).optional()
                .orElseThrow(() -> new RefusedException(SelfServiceRefusal.NOT_A_DEVICE));
        if (!device.enabled()) {
            throw new RefusedException(SelfServiceRefusal.NOT_A_DEVICE);
        }
        return device;
    }

    /** Refuses unless the device may do this. */
    public static void require(Device device, Capability capability) {
        if (!device.can(capability)) {
            throw new RefusedException(SelfServiceRefusal.DEVICE_CANNOT, device.code(), capability);
        }
    }

    /** A heartbeat, with the device's own word on its state: it is online from now. */
    @Transactional
    public Device heartbeat(Device device, String status) {
        String text = status == null || status.isBlank() ? null
                : status.strip().substring(0, Math.min(status.strip().length(), 500));
        jdbc.sql("update device set last_seen_at = now(), last_status = coalesce(:status, last_status) where id = :id")
                .param("status", text).param("id", device.id()).update();
        seenWritten.put("id:" + device.id(), System.currentTimeMillis());
        backOnline(device.id());
        return find(device.code()).orElseThrow();
    }

    /**
     * Any other call of the device API: a sign of life, written at most every few seconds. The check
     * comes before any transaction, so that the calls in between cost nothing.
     */
    public void seen(Device device) {
        if (due("id:" + device.id())) {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("update device set last_seen_at = now() where id = :id").param("id", device.id()).update();
                backOnline(device.id());
            });
        }
    }

    /** A SIP2 message from a machine account: a sign of life of the device that logs in with it. */
    public void seenSip2(String login) {
        if (due("sip2:" + login)) {
            transactions.executeWithoutResult(status ->
                    jdbc.sql("update device set last_seen_at = now() where sip2_login = :login returning id")
                            .param("login", login).query(Long.class).list().forEach(this::backOnline));
        }
    }

    private boolean due(String key) {
        long now = System.currentTimeMillis();
        Long previous = seenWritten.get(key);
        if (previous != null && now - previous < SEEN_RESOLUTION_MILLIS) {
            return false;
        }
        seenWritten.put(key, now);
        return true;
    }

    private void backOnline(long deviceId) {
        int back = jdbc.sql("update device set offline_since = null where id = :id and offline_since is not null")
                .param("id", deviceId).update();
        if (back > 0) {
            jdbc.sql("update device_alert set cleared_at = now() where device_id = :id and cleared_at is null")
                    .param("id", deviceId).update();
            log.info("Device {} is online again", deviceId);
        }
    }

    /**
     * Marks the devices that fell silent as offline, since their last sign of life, and raises an alert
     * for those at a 24-hour library (or that are one). One statement claims each device, so two nodes'
     * monitors raise one alert. Returns the devices that went offline.
     */
    @Transactional
    public List<String> markSilent() {
        record Silent(long id, String code, String name, String unit, boolean alert, Instant since) {
        }
        List<Silent> silent = jdbc.sql("""
                        update device d set offline_since = coalesce(d.last_seen_at, d.created_at)
                        from org_unit u
                        where u.code = d.unit_code and d.enabled and d.offline_since is null
                          and coalesce(d.last_seen_at, d.created_at) < now() - make_interval(secs => :after)
                        returning d.id, d.code, d.name, d.unit_code,
                                  d.kind = 'SSL' or u.type = 'TWENTY_FOUR_HOUR_LIBRARY', d.offline_since""")
                .param("after", seconds())
                .query((rs, n) -> new Silent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getTimestamp(6).toInstant()))
                .list();
        for (Silent s : silent) {
            seenWritten.remove("id:" + s.id());
            if (s.alert()) {
                String message = "%s（%s，%s）自 %s 起无响应 / silent since then".formatted(s.name(), s.code(),
                        s.unit(), s.since());
                jdbc.sql("""
                                insert into device_alert (device_id, kind, message) values (:id, 'OFFLINE', :message)
                                on conflict (device_id, kind) where cleared_at is null do nothing""")
                        .param("id", s.id()).param("message", message).update();
                log.warn("Device alert: {}", message);
            } else {
                log.info("Device {} at {} is offline", s.code(), s.unit());
            }
        }
        if (!silent.isEmpty()) {
            // the SIP2 throttle forgets these devices' logins, so their next message is written at once
            seenWritten.keySet().removeIf(k -> k.startsWith("sip2:"));
        }
        return silent.stream().map(Silent::code).toList();
    }

    /** Alerts in the caller's scope: open ones, or all of the last days. */
    @Transactional(readOnly = true)
    public List<Alert> alerts(boolean openOnly, int limit) {
        access.requireSomewhere(Permission.NETWORK_READ);
        Optional<Set<String>> scope = access.unitsWhere(Permission.NETWORK_READ);
        return jdbc.sql("""
                        select a.id, d.code, d.name, d.kind, d.unit_code, a.kind, a.raised_at, a.message, a.cleared_at
                        from device_alert a join device d on d.id = a.device_id
                        where (:unscoped or d.unit_code = any(:scope)) and (not :open or a.cleared_at is null)
                        order by a.raised_at desc limit :limit""")
                .param("unscoped", scope.isEmpty()).param("scope", scope.orElse(Set.of()).toArray(String[]::new))
                .param("open", openOnly).param("limit", Math.max(1, Math.min(limit, 1000)))
                .query((rs, n) -> new Alert(rs.getLong(1), rs.getString(2), rs.getString(3),
                        DeviceKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), instant(rs, 7),
                        rs.getString(8), instant(rs, 9)))
                .list();
    }

    /** The device a SIP2 account belongs to, if one is registered with it. */
    @Transactional(readOnly = true)
    public Optional<Device> ofSip2Login(String login) {
        return jdbc.sql(SELECT + "where d.sip2_login = :login").param("after", seconds()).param("login", login)
                .query(this::device).optional();
    }

    private Optional<Device> find(String code) {
        return jdbc.sql(SELECT + "where d.code = :code").param("after", seconds()).param("code", code)
                .query(this::device).optional();
    }

    private static final String SELECT = """
            select d.id, d.code, d.kind, d.name, d.unit_code, d.sip2_login, d.api_key_id, d.enabled, d.created_at,
                   d.last_seen_at, d.last_status,
                   d.enabled and d.offline_since is null
                       and coalesce(d.last_seen_at > now() - make_interval(secs => :after), false) as online,
                   d.offline_since
            from device d
            """;

    private Device device(ResultSet rs, int n) throws SQLException {
        return new Device(rs.getLong(1), rs.getString(2), DeviceKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), instant(rs, 9), instant(rs, 10),
                rs.getString(11), rs.getBoolean(12), instant(rs, 13));
    }

    private double seconds() {
        return settings.offlineAfter().toMillis() / 1000.0;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
