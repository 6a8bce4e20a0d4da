package org.shuxiang.platform.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Grant;
import org.shuxiang.platform.Role;
import org.shuxiang.platform.staff.StaffAccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start of an empty installation, creates the account {@code admin} with a random
 * password, printed once to the log. Runs after the demo loader, which brings its own accounts.
 */
@Component
@Order(100)
class BootstrapAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);
    static final String USERNAME = "admin";

    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final AccessControl access;

    BootstrapAdministrator(StaffAccountRepository accounts, PasswordEncoder passwords,
                           TransactionTemplate transactions, AuditLog audit, AccessControl access) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.transactions = transactions;
        this.audit = audit;
        this.access = access;
    }

    @Override
    public void run(ApplicationArguments args) {
        String password = access.asSystem("bootstrap", () -> transactions.execute(status -> {
            // one statement decides for every node starting at once: the advisory lock serialises them
            accounts.lockForBootstrap();
            if (accounts.count() > 0) {
                return null;
            }
            String secret = randomPassword();
            long id = accounts.insert(USERNAME, "Administrator 管理员", passwords.encode(secret));
            accounts.replaceGrants(id, List.of(Grant.wholeNetwork(Role.ADMINISTRATOR)));
            audit.record("STAFF_CREATED", "STAFF", USERNAME, null, Map.of("bootstrap", true));
            return secret;
        }));
        if (password != null) {
            log.warn("""

                    ================================================================
                     First start: created the administrator account.
                       username: {}
                       password: {}
                     This password is shown only once. Sign in and change it.
                    ================================================================""", USERNAME, password);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
