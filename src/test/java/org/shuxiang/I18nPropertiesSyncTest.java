package org.shuxiang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.shuxiang.catalog.CatalogRefusal;
import org.shuxiang.network.NetworkRefusal;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.Refusal;
import org.shuxiang.platform.Role;

class I18nPropertiesSyncTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = I18nPropertiesSyncTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void every_message_has_its_chinese_and_its_english_text() throws IOException {
        Properties chinese = load("messages.properties");
        Properties english = load("messages_en.properties");
        assertThat(english.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(chinese.stringPropertyNames());
        chinese.forEach((key, value) -> assertThat(value.toString()).as((String) key).isNotBlank());
        english.forEach((key, value) -> assertThat(value.toString()).as((String) key).isNotBlank());
    }

    @Test
    void every_refusal_code_has_a_message() throws IOException {
        Properties chinese = load("messages.properties");
        Stream.of(PlatformRefusal.values(), NetworkRefusal.values(), CatalogRefusal.values()).flatMap(Stream::of)
                .map(Refusal::messageKey)
                .forEach(key -> assertThat(chinese.containsKey(key)).as(key).isTrue());
    }

    @Test
    void every_role_has_a_name_to_show() throws IOException {
        Properties chinese = load("messages.properties");
        for (Role role : Role.values()) {
            assertThat(chinese.containsKey("role." + role.name())).as(role.name()).isTrue();
        }
    }
}
