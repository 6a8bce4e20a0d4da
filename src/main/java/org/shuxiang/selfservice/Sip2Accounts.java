package org.shuxiang.selfservice;

import java.nio.charset.Charset;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The SIP2 machine accounts: created by the network's managers, checked when a machine logs in (93). */
@Service
public class Sip2Accounts {

    /**
     * A machine that logged in: where it is, what it may do, and how it speaks. What it may do comes from
     * the device registered with the account (a book drop only checks in); an account with no device is
     * a self-check kiosk, less lending when the account may not check out.
     */
    public record Account(String login, String unitCode, Charset charset, Set<Capability> capabilities, Locale locale,
                          String deviceCode) {

        public boolean may(Capability capability) {
            return capabilities.contains(capability);
        }

        public boolean mayCheckOut() {
            return may(Capability.CHECK_OUT);
        }

        /** The machine as an actor: it circulates at its own unit, as a desk there does. */
        public Actor.Machine actor() {
            return new Actor.Machine("sip2:" + login, "SIP2 " + login, unitCode,
                    Set.of(Permission.CIRCULATE));
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AccessControl access;
    private final AuditLog audit;
    private final UnitHierarchy units;

    Sip2Accounts(JdbcClient jdbc, PasswordEncoder passwords, AccessControl access, AuditLog audit,
                 UnitHierarchy units) {
        this.units = units;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.access = access;
        this.audit = audit;
    }

    /** An account as staff see it: never its password. */
    public record Listed(String login, String unitCode, String encoding, boolean mayCheckOut, String language,
                         boolean enabled, java.time.Instant createdAt, String createdBy, java.time.Instant lastLoginAt) {
    }

    private static final java.util.regex.Pattern LOGIN = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> ENCODINGS = Set.of("UTF-8", "GB18030");
    private static final Set<String> LANGUAGES = Set.of("zh-CN", "en");

    /** Creates (or replaces the password and settings of) a machine account at a unit. */
    @Transactional
    public Account save(String login, String password, String unitCode, String encoding, boolean mayCheckOut,
                        String language) {
        if (unitCode == null || !units.exists(unitCode)) {
            throw RefusedException.onField("unitCode", PlatformRefusal.UNKNOWN_UNIT, unitCode);
        }
        access.require(Permission.NETWORK_WRITE, unitCode);
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw RefusedException.onField("login", PlatformRefusal.VALIDATION_FAILED);
        }
        if (password == null || password.length() < 8 || password.length() > 64 || password.indexOf('|') >= 0) {
            throw RefusedException.onField("password", SelfServiceRefusal.SIP2_PASSWORD_UNFIT);
        }
        if (!ENCODINGS.contains(encoding)) {
            throw RefusedException.onField("encoding", PlatformRefusal.VALIDATION_FAILED);
        }
        if (!LANGUAGES.contains(language)) {
            throw RefusedException.onField("language", PlatformRefusal.VALIDATION_FAILED);
        }
        jdbc.sql("""
                        insert into sip2_account (login, password_hash, unit_code, encoding, may_check_out, language, created_by)
                        values (:login, :hash, :unit, :encoding, :checkOut, :language, :by)
                        on conflict (login) do update set password_hash = excluded.password_hash,
                            unit_code = excluded.unit_code, encoding = excluded.encoding,
                            may_check_out = excluded.may_check_out, language = excluded.language, enabled = true""")
                .param("login", login).param("hash", passwords.encode(password)).param("unit", unitCode)
                .param("encoding", encoding).param("checkOut", mayCheckOut).param("language", language)
                .param("by", access.currentActor().name()).update();
        audit.record("SIP2_ACCOUNT_SAVED", "SIP2_ACCOUNT", login, unitCode,
                java.util.Map.of("encoding", encoding, "mayCheckOut", mayCheckOut));
        return new Account(login, unitCode, Charset.forName(encoding), capabilities(null, mayCheckOut),
                Locale.forLanguageTag(language), null);
    }

    /** The accounts at units where the caller may read the network. */
    @Transactional(readOnly = true)
    public java.util.List<Listed> list() {
        access.requireSomewhere(Permission.NETWORK_READ);
        Optional<Set<String>> scope = access.unitsWhere(Permission.NETWORK_READ);
        return jdbc.sql("""
                        select login, unit_code, encoding, may_check_out, language, enabled, created_at, created_by,
                               last_login_at
                        from sip2_account where :unscoped or unit_code = any(:scope) order by unit_code, login""")
                .param("unscoped", scope.isEmpty()).param("scope", scope.orElse(Set.of()).toArray(String[]::new))
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
                .list();
    }

    /** Turns an account off: its next login is refused (connections already open finish their session). */
    @Transactional
    public void disable(String login) {
        String unit = jdbc.sql("select unit_code from sip2_account where login = :login").param("login", login)
                .query(String.class).optional()
                .orElseThrow(() -> new RefusedException(SelfServiceRefusal.SIP2_ACCOUNT_UNKNOWN, login));
        access.require(Permission.NETWORK_WRITE, unit);
        jdbc.sql("update sip2_account set enabled = false where login = :login").param("login", login).update();
        audit.record("SIP2_ACCOUNT_DISABLED", "SIP2_ACCOUNT", login, unit, java.util.Map.of());
    }

    /**
     * The account, when the login and password match an enabled one (and the device registered with it,
     * if any, is in service).
     */
    @Transactional
    public Optional<Account> login(String login, String password) {
        record Row(String hash, boolean deviceEnabled, Account account) {
        }
        Optional<Row> row = jdbc.sql("""
                        select a.password_hash, a.unit_code, a.encoding, a.may_check_out, a.language, d.kind, d.code,
                               coalesce(d.enabled, true)
                        from sip2_account a left join device d on d.sip2_login = a.login
                        where a.login = :login and a.enabled""")
                .param("login", login == null ? "" : login)
                .query((rs, n) -> new Row(rs.getString(1), rs.getBoolean(8), new Account(login, rs.getString(2),
                        Charset.forName(rs.getString(3)),
                        capabilities(rs.getString(6) == null ? null : DeviceKind.valueOf(rs.getString(6)),
                                rs.getBoolean(4)),
                        Locale.forLanguageTag(rs.getString(5)), rs.getString(7))))
                .optional();
        if (row.isEmpty() || !row.get().deviceEnabled() || password == null
                || !matches(login, password, row.get().hash())) {
            return Optional.empty();
        }
        jdbc.sql("update sip2_account set last_login_at = now() where login = :login").param("login", login).update();
        return Optional.of(row.get().account());
    }

    /**
     * Checks the password against the stored hash. Kiosks log in again at every reconnect, and a network's
     * kiosks often share one account per unit: a login that matched lately is remembered by the SHA-256 of
     * its password for the same stored hash, so it skips BCrypt's deliberate cost. A changed password (a
     * new hash) or a disabled account takes effect at once, as the row is read every time.
     */
    private boolean matches(String login, String password, String hash) {
        byte[] digest = sha256(password);
        Verified recent = verified.get(login);
        if (recent != null && recent.hash().equals(hash) && recent.until() > System.nanoTime()
                && java.security.MessageDigest.isEqual(recent.digest(), digest)) {
            return true;
        }
        if (!passwords.matches(password, hash)) {
            return false;
        }
        verified.put(login, new Verified(hash, digest, System.nanoTime() + VERIFIED_FOR_NANOS));
        return true;
    }

    private record Verified(String hash, byte[] digest, long until) {
    }

    private static final long VERIFIED_FOR_NANOS = 600_000_000_000L;
    private final java.util.Map<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Capability> capabilities(DeviceKind kind, boolean mayCheckOut) {
        Set<Capability> capabilities = EnumSet.copyOf((kind == null ? DeviceKind.SCH : kind).capabilities());
        if (!mayCheckOut) {
            capabilities.remove(Capability.CHECK_OUT);
        }
        return Set.copyOf(capabilities);
    }
}
