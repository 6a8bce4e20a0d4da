package org.shuxiang.platform.security;

/**
 * What Spring Security's strict firewall lets through in a header's name and value, decided without a
 * regular expression. The firewall's own check (every character assigned and no control character, with a
 * tab allowed in values) ran a regular expression over every header each time it was read: about a tenth
 * of the server's CPU at a desk's rates. This accepts exactly the same strings ({@code HeaderCharactersTest}
 * holds it to the firewall's expressions).
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** A header name (or a parameter name): assigned characters, no control character. */
    static boolean name(String text) {
        return allowed(text, false);
    }

    /** A header value: assigned characters, no control character but the tab. */
    static boolean value(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                i++; // printable ASCII: nearly every header is only this
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
