package org.shuxiang.platform.security;

import org.shuxiang.platform.LoginLockoutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.staff.StaffAccount;
import org.shuxiang.platform.staff.StaffAccountRepository;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a staff member's username and password, for the sign-in form and for HTTP Basic alike.
 * Failures are counted in the database (so every node of a cluster sees them), slow the answer down
 * and lock the account at the limit; a locked account is refused even with the right password.
 */
@Component
class StaffAuthenticationProvider implements AuthenticationProvider {

    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final LoginLockoutPolicy policy;
    private final AuditLog audit;
    private final AccessControl access;
    private final TransactionTemplate transactions;
    /** Compared against when the username is unknown, so that the answer takes as long. */
    private final String dummyHash;

    StaffAuthenticationProvider(StaffAccountRepository accounts, PasswordEncoder passwords, LoginLockoutPolicy policy,
                                AuditLog audit, AccessControl access, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
        this.access = access;
        this.transactions = transactions;
        this.dummyHash = passwords.encode("not-a-real-password");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().trim();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<StaffAccount> found = accounts.findByUsername(username);
        if (found.isEmpty()) {
            passwords.matches(password, dummyHash);
            throw new BadCredentialsException("bad credentials");
        }
        StaffAccount account = found.get();
        if (account.lockedAt(Instant.now())) {
            throw new LockedException("account locked until " + account.lockedUntil());
        }
        if (!passwords.matches(password, account.passwordHash())) {
            failed(account);
        }
        if (!account.enabled()) {
            throw new DisabledException("account disabled");
        }
        if (account.failedLogins() > 0) {
            accounts.recordSuccessfulLogin(account.id());
        }
        StaffUser user = new StaffUser(account.id(), account.username(), account.grants());
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    private void failed(StaffAccount account) {
        StaffAccountRepository.FailedLogin failure = transactions.execute(status -> {
            StaffAccountRepository.FailedLogin counted =
                    accounts.recordFailedLogin(account.id(), policy.maxFailures(), policy.lockDuration());
            if (counted.lockedUntil() != null && counted.failures() == policy.maxFailures()) {
                access.asSystem("login-guard", () -> {
                    audit.record("STAFF_LOCKED", "STAFF", account.username(), null,
                            Map.of("failedLogins", counted.failures(), "lockedUntil", counted.lockedUntil().toString()));
                    return null;
                });
            }
            return counted;
        });
        pause(policy.delayAfter(failure.failures()));
        if (failure.lockedUntil() != null && failure.lockedUntil().isAfter(Instant.now())) {
            throw new LockedException("account locked until " + failure.lockedUntil());
        }
        throw new BadCredentialsException("bad credentials");
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
