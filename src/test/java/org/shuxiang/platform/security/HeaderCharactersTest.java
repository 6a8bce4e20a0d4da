package org.shuxiang.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The firewall's header check without regular expressions lets through exactly what Spring Security's
 * strict firewall does with them: assigned characters and no control character, a tab allowed in values.
 */
class HeaderCharactersTest {

    // the expressions of Spring Security's StrictHttpFirewall
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void every_single_character_is_judged_as_the_firewall_judges_it() {
        List<String> differing = new ArrayList<>();
        int accepted = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = new String(Character.toChars(codePoint));
            if (HeaderCharacters.name(text) != NAME.matcher(text).matches()) {
                differing.add("name U+%04X".formatted(codePoint));
            }
            if (HeaderCharacters.value(text) != VALUE.matcher(text).matches()) {
                differing.add("value U+%04X".formatted(codePoint));
            }
            accepted += HeaderCharacters.value(text) ? 1 : 0;
        }
        assertThat(differing).isEmpty();
        assertThat(accepted).as("most of Unicode is assigned and not control").isBetween(200_000, Character.MAX_CODE_POINT);
    }

    @Test
    void real_headers_pass_and_injected_line_breaks_do_not() {
        assertThat(HeaderCharacters.value("Bearer sx_efefabc50e5a_aKt6WI0SIekIW47ZYXZtrTbJXXs6uwBSUgUhS_kzArI")).isTrue();
        assertThat(HeaderCharacters.value("zh-CN,zh;q=0.9,en;q=0.8")).isTrue();
        assertThat(HeaderCharacters.value("attachment; filename*=UTF-8''%E4%B9%A6%E9%A6%99.mrc\tx")).isTrue();
        assertThat(HeaderCharacters.value("读者 张三")).isTrue();
        assertThat(HeaderCharacters.name("Authorization")).isTrue();
        assertThat(HeaderCharacters.value("ok\r\nSet-Cookie: stolen")).isFalse();
        assertThat(HeaderCharacters.value("nul\u0000")).isFalse();
        assertThat(HeaderCharacters.name("X-Tab\tName")).isFalse();
        assertThat(HeaderCharacters.value("unassigned \u0378")).isFalse();
        assertThat(HeaderCharacters.value("")).isTrue();
    }

    @Test
    void mixed_strings_are_judged_as_the_firewall_judges_them() {
        Random random = new Random(20261128);
        int[] pool = {'a', 'Z', '0', ' ', '\t', '\r', '\n', 0x7f, 0x85, 0xa0, 0x378, 0x4e66, 0x9999, 0xd800, 0xdc00,
                0xfffe, 0x1f4da, 0x10ffff, 0xe0001, '\u200b'};
        List<String> samples = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                text.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            samples.add(text.toString());
        }
        for (String text : samples) {
            assertThat(HeaderCharacters.name(text)).as("name %s", text.codePoints().boxed().toList())
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderCharacters.value(text)).as("value %s", text.codePoints().boxed().toList())
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }
}
