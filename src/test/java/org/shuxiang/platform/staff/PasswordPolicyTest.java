package org.shuxiang.platform.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shuxiang.platform.PlatformRefusal;

class PasswordPolicyTest {

    @Test
    void a_password_needs_ten_characters() {
        assertThat(PasswordPolicy.check("wang", "short")).contains(PlatformRefusal.PASSWORD_TOO_WEAK);
        assertThat(PasswordPolicy.check("wang", "long enough!")).isEmpty();
    }

    @Test
    void a_password_must_not_contain_the_username() {
        assertThat(PasswordPolicy.check("wangfang", "WangFang-2026")).contains(PlatformRefusal.PASSWORD_TOO_WEAK);
    }

    @Test
    void chinese_characters_count_one_each() {
        assertThat(PasswordPolicy.check("li", "书香铜陵图书馆一二三")).isEmpty();
        assertThat(PasswordPolicy.check("li", "书香铜陵图书馆")).contains(PlatformRefusal.PASSWORD_TOO_WEAK);
    }
}
