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

    Sip2Accounts(JdbcClient jdbc, PasswordEncoder passwords, AccessControl access, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.access = access;
        this.audit = audit;
    }

    /** Creates (or replaces the password and settings of) a machine account at a unit. */
    @Transactional
    public Account save(String login, String password, String unitCode, String encoding, boolean mayCheckOut,
                        String language) {
        access.require(Permission.NETWORK_WRITE, unitCode);
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
                || !passwords.matches(password, row.get().hash())) {
            return Optional.empty();
        }
        jdbc.sql("update sip2_account set last_login_at = now() where login = :login").param("login", login).update();
        return Optional.of(row.get().account());
    }

    private static Set<Capability> capabilities(DeviceKind kind, boolean mayCheckOut) {
        Set<Capability> capabilities = EnumSet.copyOf((kind == null ? DeviceKind.SCH : kind).capabilities());
        if (!mayCheckOut) {
            capabilities.remove(Capability.CHECK_OUT);
        }
        return Set.copyOf(capabilities);
    }
}
