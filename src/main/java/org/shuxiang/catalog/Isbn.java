package org.shuxiang.catalog;

import java.text.Normalizer;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An International Standard Book Number, held as its ISBN-13 without hyphens, so that an
 * ISBN-10 and the ISBN-13 it became (7536692935 and 9787536692930) are equal.
 *
 * <p>Read one from a reader's or a cataloguer's text with {@link #parse(String)}; ask
 * {@link #whyInvalid(String)} to tell them what is wrong with text that is not an ISBN.
 */
public record Isbn(String isbn13) {

    /** Why a text is not a valid ISBN. */
    public enum Reason {
        /** Neither 10 nor 13 digits. */
        WRONG_LENGTH,
        /** A character that is not a digit, a hyphen or a space, or an X anywhere but at the end of an ISBN-10. */
        BAD_CHARACTER,
        /** The last digit does not match the others: usually a typing or scanning error. */
        WRONG_CHECK_DIGIT,
        /** Thirteen digits that are not a book's: not 978 or 979, or 979-0, which is printed music (ISMN). */
        WRONG_PREFIX
    }

    // "ISBN", "ISBN:", "ISBN-13 " in front of the number
    private static final Pattern DIGITS_13 = Pattern.compile("\\d{13}");
    private static final Pattern ISBN_10 = Pattern.compile("\\d{9}[0-9X]");
    private static final Pattern ISBN_CHARACTERS = Pattern.compile("[0-9X]*");
    private static final Pattern LABEL = Pattern.compile("^(?i)isbn(?:-?1[03])?\\s*:?\\s*");
    // MARC puts qualifiers and prices after the number: "7-5366-9293-5 (pbk.) : CNY23.00"
    private static final Pattern QUALIFIER = Pattern.compile("[(\\[:;/=,]");
    // a space followed by anything that cannot be part of a number ends the number: "9787536692930 CNY23.00"
    private static final Pattern TRAILING_WORDS = Pattern.compile("\\s+[^\\s0-9Xx\\-].*$", Pattern.DOTALL);
    private static final String HYPHENS = "-\u2010\u2011\u2012\u2013\u2014";

    public Isbn {
        Objects.requireNonNull(isbn13, "isbn13");
        if (!DIGITS_13.matcher(isbn13).matches() || !hasBookPrefix(isbn13) || checkDigit13(isbn13) != isbn13.charAt(12)) {
            throw new IllegalArgumentException("not a valid ISBN-13: " + isbn13);
        }
    }

    /** The ISBN in {@code text}, or empty when the text holds none; see {@link #whyInvalid(String)}. */
    public static Optional<Isbn> parse(String text) {
        String compact = compact(text);
        if (problemWith(compact).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Isbn(compact.length() == 13 ? compact : toIsbn13(compact)));
    }

    /** Why {@code text} is not a valid ISBN, or empty when it is one. */
    public static Optional<Reason> whyInvalid(String text) {
        return problemWith(compact(text));
    }

    /** The ISBN-10 of a 978 ISBN; 979 ISBNs never had one. */
    public Optional<String> isbn10() {
        if (!isbn13.startsWith("978")) {
            return Optional.empty();
        }
        String body = isbn13.substring(3, 12);
        return Optional.of(body + checkDigit10(body));
    }

    @Override
    public String toString() {
        return isbn13;
    }

    /** The ISBN part of the text, upper-cased, without hyphens and spaces; other characters are kept to be refused. */
    private static String compact(String text) {
        if (text == null) {
            return "";
        }
        // full-width digits and letters come from Chinese input methods: read them as ASCII
        String part = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        part = LABEL.matcher(part).replaceFirst("");
        Matcher qualifier = QUALIFIER.matcher(part);
        if (qualifier.find()) {
            part = part.substring(0, qualifier.start());
        }
        part = TRAILING_WORDS.matcher(part.strip()).replaceFirst("");
        StringBuilder compact = new StringBuilder();
        for (char c : part.toCharArray()) {
            if (!Character.isWhitespace(c) && HYPHENS.indexOf(c) < 0) {
                compact.append(Character.toUpperCase(c));
            }
        }
        return compact.toString();
    }

    private static Optional<Reason> problemWith(String compact) {
        if (!ISBN_CHARACTERS.matcher(compact).matches()) {
            return Optional.of(Reason.BAD_CHARACTER);
        }
        if (compact.length() != 10 && compact.length() != 13) {
            return Optional.of(Reason.WRONG_LENGTH);
        }
        if (compact.length() == 10 ? !ISBN_10.matcher(compact).matches() : !DIGITS_13.matcher(compact).matches()) {
            return Optional.of(Reason.BAD_CHARACTER);
        }
        if (compact.length() == 13 && !hasBookPrefix(compact)) {
            return Optional.of(Reason.WRONG_PREFIX);
        }
        char expected = compact.length() == 10 ? checkDigit10(compact.substring(0, 9)) : checkDigit13(compact);
        return expected == compact.charAt(compact.length() - 1) ? Optional.empty() : Optional.of(Reason.WRONG_CHECK_DIGIT);
    }

    // 977 numbers serials (ISSN) and 979-0 printed music (ISMN); they share the EAN-13 check digit with books
    private static boolean hasBookPrefix(String thirteen) {
        return thirteen.startsWith("978") || (thirteen.startsWith("979") && !thirteen.startsWith("9790"));
    }

    private static String toIsbn13(String isbn10) {
        String first12 = "978" + isbn10.substring(0, 9);
        return first12 + checkDigit13(first12);
    }

    /** Weights 10 down to 2 on the first nine digits; the check makes the sum a multiple of 11, X standing for 10. */
    private static char checkDigit10(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (nineDigits.charAt(i) - '0');
        }
        int check = (11 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** Weights 1 and 3 in turn on the first twelve digits; the check makes the sum a multiple of 10. */
    private static char checkDigit13(String digits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (digits.charAt(i) - '0');
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
