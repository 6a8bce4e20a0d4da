package org.shuxiang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginLockoutPolicyTest {

    private final LoginLockoutPolicy policy =
            new LoginLockoutPolicy(5, Duration.ofMinutes(15), Duration.ofMillis(250), Duration.ofSeconds(2));

    @Test
    void the_first_failure_is_answered_at_once_and_later_ones_ever_more_slowly_up_to_a_limit() {
        assertThat(policy.delayAfter(1)).isZero();
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(50)).isEqualTo(Duration.ofSeconds(2));
    }
}
