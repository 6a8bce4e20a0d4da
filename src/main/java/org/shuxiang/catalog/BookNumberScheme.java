package org.shuxiang.catalog;

import java.util.Locale;

/**
 * How the book number of a call number (索书号 = class number / book number) is made; one scheme for
 * the whole network.
 */
public enum BookNumberScheme {
    /** 种次号: the next number in the class, from one counter for the whole network. */
    SEQUENCE,
    /** 著者号: the author's name as pinyin initials, e.g. 刘慈欣 gives LCX. */
    AUTHOR;

    /** The author mark of a name: its pinyin initials in capitals, or the first letters of a Latin name. */
    public static String authorMark(String author) {
        String name = author == null ? "" : author.replaceAll("[\\[（(【].*?[\\]）)】]", "").trim();
        if (Pinyin.hasChinese(name)) {
            return Pinyin.initials(name).toUpperCase(Locale.ROOT);
        }
        StringBuilder mark = new StringBuilder();
        for (String part : name.split("[\\s,.]+")) {
            if (!part.isEmpty() && Character.isLetter(part.charAt(0))) {
                mark.append(Character.toUpperCase(part.charAt(0)));
            }
        }
        return mark.toString();
    }

    /** The call number as written on the spine: class number, a slash, the book number. */
    public static String callNumber(String classNumber, String bookNumber) {
        return classNumber + "/" + bookNumber;
    }
}
