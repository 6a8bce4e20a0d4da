package org.shuxiang.platform.audit;

import java.util.Map;

/**
 * The details of most audit events are flat: a barcode, a reader's id, a fee, where a book went. Such a
 * map is written as a JSON object here, directly, at every checkout and return; anything else (a nested
 * map, a list, a record, a fraction) is left to Jackson.
 */
final class FlatJson {

    private FlatJson() {
    }

    /** The map as a JSON object, or null when a value is not text, a whole number, yes/no, a constant or null. */
    static String write(Map<String, ?> details) {
        StringBuilder out = new StringBuilder(32 + 24 * details.size()).append('{');
        boolean first = true;
        for (Map.Entry<String, ?> entry : details.entrySet()) {
            if (entry.getKey() == null) {
                return null;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, entry.getKey());
            out.append(':');
            Object value = entry.getValue();
            if (value == null) {
                out.append("null");
            } else if (value instanceof String text) {
                string(out, text);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Enum<?> constant && plain(constant)) {
                string(out, constant.name());
            } else {
                return null;
            }
        }
        return out.append('}').toString();
    }

    /** A constant Jackson writes by its name: one without a {@code @JsonValue} of its own. */
    private static boolean plain(Enum<?> constant) {
        return BY_NAME.get(constant.getDeclaringClass());
    }

    private static final ClassValue<Boolean> BY_NAME = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                for (java.lang.annotation.Annotation annotation : method.getAnnotations()) {
                    if (annotation.annotationType().getSimpleName().equals("JsonValue")) {
                        return false;
                    }
                }
            }
            return true;
        }
    };

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
