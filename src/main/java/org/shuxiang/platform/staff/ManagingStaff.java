package org.shuxiang.platform.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Grant;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.Role;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases on staff accounts. Whoever grants a role must hold {@code STAFF_MANAGE} over the part of
 * the network the role is granted on, so that nobody hands out more than they hold.
 */
@Service
public class ManagingStaff {

    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final AccessControl access;
    private final AuditLog audit;
    private final UnitHierarchy units;

    ManagingStaff(StaffAccountRepository accounts, PasswordEncoder passwords, AccessControl access, AuditLog audit,
                  UnitHierarchy units) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.access = access;
        this.audit = audit;
        this.units = units;
    }

    @Transactional(readOnly = true)
    public List<StaffAccount> list() {
        access.requireSomewhere(Permission.STAFF_MANAGE);
        return accounts.findAll();
    }

    @Transactional(readOnly = true)
    public StaffAccount get(String username) {
        access.requireSomewhere(Permission.STAFF_MANAGE);
        return find(username);
    }

    @Transactional(readOnly = true)
    public boolean exists(String username) {
        access.requireSomewhere(Permission.STAFF_MANAGE);
        return accounts.findByUsername(username).isPresent();
    }

    @Transactional
    public StaffAccount create(String username, String displayName, String password, List<Grant> grants) {
        checkGrants(grants);
        PasswordPolicy.check(username, password).ifPresent(r -> {
            throw RefusedException.onField("password", r, PasswordPolicy.MINIMUM_LENGTH);
        });
        long id;
        try {
            id = accounts.insert(username, displayName, passwords.encode(password));
        } catch (DuplicateKeyException e) {
            throw RefusedException.onField("username", PlatformRefusal.DUPLICATE_USERNAME, username);
        }
        accounts.replaceGrants(id, grants);
        audit.record("STAFF_CREATED", "STAFF", username, scopeUnit(grants),
                details("displayName", displayName, "grants", grants));
        return find(username);
    }

    @Transactional
    public StaffAccount update(String username, String displayName, boolean enabled, List<Grant> grants) {
        StaffAccount account = find(username);
        checkGrants(account.grants());
        checkGrants(grants);
        accounts.updateProfile(account.id(), displayName, enabled);
        accounts.replaceGrants(account.id(), grants);
        audit.record("STAFF_UPDATED", "STAFF", username, scopeUnit(grants),
                details("before", Map.of("displayName", account.displayName(), "enabled", account.enabled(),
                                "grants", account.grants()),
                        "after", Map.of("displayName", displayName, "enabled", enabled, "grants", grants)));
        return find(username);
    }

    @Transactional
    public void resetPassword(String username, String newPassword) {
        StaffAccount account = find(username);
        checkGrants(account.grants());
        PasswordPolicy.check(username, newPassword).ifPresent(r -> {
            throw RefusedException.onField("password", r, PasswordPolicy.MINIMUM_LENGTH);
        });
        accounts.updatePassword(account.id(), passwords.encode(newPassword));
        audit.record("STAFF_PASSWORD_RESET", "STAFF", username, scopeUnit(account.grants()), Map.of());
    }

    @Transactional
    public void unlock(String username) {
        StaffAccount account = find(username);
        checkGrants(account.grants());
        accounts.unlock(account.id());
        audit.record("STAFF_UNLOCKED", "STAFF", username, scopeUnit(account.grants()),
                details("failedLogins", account.failedLogins(), "lockedUntil", account.lockedUntil()));
    }

    private StaffAccount find(String username) {
        return accounts.findByUsername(username)
                .orElseThrow(() -> new RefusedException(PlatformRefusal.STAFF_NOT_FOUND, username));
    }

    private void checkGrants(List<Grant> grants) {
        access.requireSomewhere(Permission.STAFF_MANAGE);
        for (int i = 0; i < grants.size(); i++) {
            Grant grant = grants.get(i);
            String field = "grants[" + i + "]";
            if (grant.unitCode() != null && !units.exists(grant.unitCode())) {
                throw RefusedException.onField(field + ".unitCode", PlatformRefusal.UNKNOWN_UNIT, grant.unitCode());
            }
            if (grant.role() == Role.OPERATOR_STAFF && grant.operatorCode() == null) {
                throw RefusedException.onField(field + ".operatorCode", PlatformRefusal.OPERATOR_REQUIRED_FOR_ROLE);
            }
            if (grant.role() != Role.OPERATOR_STAFF && grant.operatorCode() != null) {
                throw RefusedException.onField(field + ".operatorCode",
                        PlatformRefusal.OPERATOR_ONLY_FOR_OPERATOR_STAFF);
            }
            if (grant.unitCode() == null) {
                access.requireWholeNetwork(Permission.STAFF_MANAGE);
            } else {
                access.require(Permission.STAFF_MANAGE, grant.unitCode());
            }
        }
    }

    private static String scopeUnit(List<Grant> grants) {
        return grants.stream().map(Grant::unitCode).filter(u -> u != null).findFirst().orElse(null);
    }

    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
