package org.shuxiang.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How repeated failed sign-ins are answered: from the second failure on, each answer is slowed
 * (doubling from {@code firstDelay} up to {@code maxDelay}); at {@code maxFailures} the account is
 * locked for {@code lockDuration}. Staff passwords and readers' PINs (at a kiosk or on the web) share
 * the failure count and lock; a kiosk's answer is not slowed, as the machine's connection serves the
 * next reader.
 */
@ConfigurationProperties("shuxiang.security.login")
public record LoginLockoutPolicy(@DefaultValue("5") int maxFailures,
                                 @DefaultValue("15m") Duration lockDuration,
                                 @DefaultValue("250ms") Duration firstDelay,
                                 @DefaultValue("2s") Duration maxDelay) {

    /** The pause before answering the {@code failures}-th consecutive failure. */
    public Duration delayAfter(int failures) {
        if (failures < 2) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 2, 20);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
