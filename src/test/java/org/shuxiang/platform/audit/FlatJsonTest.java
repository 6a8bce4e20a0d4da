package org.shuxiang.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An audit event's flat details read back exactly as Jackson would have written them; the rest go to Jackson. */
class FlatJsonTest {

    private final JsonMapper jackson = JsonMapper.builder().build();

    enum Routing { RESHELVE, HOLD_SHELF }

    @Test
    void flat_details_read_back_as_jackson_writes_them_whatever_the_text_holds() {
        Random random = new Random(20261128);
        String alphabet = "三体刘慈欣图书馆借还\"\\/\n\r\t\b\f\u0000\u0001\u001f\u007f\u2028 aZ09{}[]:,é😀";
        for (int n = 0; n < 2_000; n++) {
            Map<String, Object> details = new LinkedHashMap<>();
            int entries = random.nextInt(7);
            for (int e = 0; e < entries; e++) {
                String key = text(random, alphabet) + e;
                Object value = switch (random.nextInt(8)) {
                    case 0 -> text(random, alphabet);
                    case 1 -> random.nextLong();
                    case 2 -> random.nextInt();
                    case 3 -> random.nextBoolean();
                    case 4 -> Routing.values()[random.nextInt(2)];
                    case 5 -> null;
                    case 6 -> (short) random.nextInt(Short.MAX_VALUE);
                    default -> "";
                };
                details.put(key, value);
            }
            String flat = FlatJson.write(details);
            assertThat(flat).isNotNull();
            JsonNode ours = jackson.readTree(flat);
            JsonNode theirs = jackson.readTree(jackson.writeValueAsString(details));
            assertThat(ours).as(flat).isEqualTo(theirs);
        }
    }

    @Test
    void a_checkout_reads_as_expected() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("barcode", "TL0001");
        details.put("reader", 42L);
        details.put("dueOn", "2026-12-28");
        details.put("routing", Routing.HOLD_SHELF);
        assertThat(FlatJson.write(details))
                .isEqualTo("{\"barcode\":\"TL0001\",\"reader\":42,\"dueOn\":\"2026-12-28\",\"routing\":\"HOLD_SHELF\"}");
        assertThat(FlatJson.write(Map.of())).isEqualTo("{}");
    }

    @Test
    void nested_values_lists_records_and_fractions_are_left_to_jackson() {
        record Rule(int days) {
        }
        assertThat(FlatJson.write(Map.of("before", Map.of("days", 30)))).isNull();
        assertThat(FlatJson.write(Map.of("barcodes", List.of("A", "B")))).isNull();
        assertThat(FlatJson.write(Map.of("rule", new Rule(30)))).isNull();
        assertThat(FlatJson.write(Map.of("yuan", new BigDecimal("0.10")))).isNull();
        assertThat(FlatJson.write(Map.of("rate", 0.5d))).isNull();
    }

    private static String text(Random random, String alphabet) {
        int[] points = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return text.toString();
    }
}
