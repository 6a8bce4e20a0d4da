package org.shuxiang.catalog;

import java.util.Locale;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Hanyu pinyin of Chinese text, without tones: 三体 gives "san ti" and the initials "st". A character
 * with several readings takes its first (most common) one; anything that is not Chinese passes through.
 */
public final class Pinyin {

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private Pinyin() {
    }

    /** The syllables, space-separated, e.g. "liu ci xin"; other characters kept as words of their own. */
    public static String syllables(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String reading = reading(c);
            if (reading != null) {
                flush(out, word);
                append(out, reading);
            } else if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
            } else {
                flush(out, word);
            }
        }
        flush(out, word);
        return out.toString();
    }

    /** The first letters of each Chinese character's reading, e.g. 三体 gives "st". */
    public static String initials(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            String reading = reading(text.charAt(i));
            if (reading != null) {
                out.append(reading.charAt(0));
            }
        }
        return out.toString();
    }

    public static boolean hasChinese(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /**
     * The reading of every BMP character, looked up in pinyin4j once per character and kept: pinyin4j
     * formats each answer with regular expressions, far too slow to ask on every index of a record.
     * {@link #NONE} marks characters without a reading; races only repeat the same lookup.
     */
    private static final String[] READINGS = new String[Character.MAX_VALUE + 1];
    private static final String NONE = "";

    private static String reading(char c) {
        String known = READINGS[c];
        if (known == null) {
            known = lookUp(c);
            READINGS[c] = known;
        }
        return known.isEmpty() ? null : known;
    }

    private static String lookUp(char c) {
        if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
            return NONE;
        }
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? NONE : readings[0].toLowerCase(Locale.ROOT);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flush(StringBuilder out, StringBuilder word) {
        if (!word.isEmpty()) {
            append(out, word.toString());
            word.setLength(0);
        }
    }

    private static void append(StringBuilder out, String token) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(token);
    }
}
