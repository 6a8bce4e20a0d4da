package org.shuxiang.platform.staff;

import java.time.Instant;
import java.util.List;

import org.shuxiang.platform.Grant;

/** A staff member's account as stored; the password hash never leaves the platform module. */
public record StaffAccount(long id, String username, String displayName, String passwordHash, boolean enabled,
                           int failedLogins, Instant lockedUntil, List<Grant> grants) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
