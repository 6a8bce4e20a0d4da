package org.shuxiang.platform.staff;

import java.util.Locale;
import java.util.Optional;

import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.Refusal;

/** What a staff password must be: long enough, and not the username. */
public final class PasswordPolicy {

    public static final int MINIMUM_LENGTH = 10;

    private PasswordPolicy() {
    }

    public static Optional<Refusal> check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
            return Optional.of(PlatformRefusal.PASSWORD_TOO_WEAK);
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(PlatformRefusal.PASSWORD_TOO_WEAK);
        }
        return Optional.empty();
    }
}
