package org.shuxiang.patrons;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A resident identity card number (居民身份证号码) as GB 11643-1999 defines it: six digits of the
 * address code, the date of birth as eight digits, a three-digit sequence (odd for men, even for
 * women) and a check character computed from the first seventeen by ISO 7064 MOD 11-2 ({@code X}
 * stands for 10). Only valid numbers can be made; they are upper-cased.
 */
public record IdentityCardNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    public IdentityCardNumber {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        value = value.toUpperCase(Locale.ROOT);
    }

    /** The number, or empty when it is not a valid GB 11643 number (spaces around it are ignored). */
    public static Optional<IdentityCardNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String stripped = text.strip();
        return problemWith(stripped) == null ? Optional.of(new IdentityCardNumber(stripped)) : Optional.empty();
    }

    /** Why the text is not a valid number, or null when it is. */
    public static String problemWith(String text) {
        if (text == null || text.length() != 18) {
            return "an identity card number has 18 characters";
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return "the first 17 characters of an identity card number are digits";
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = Character.toUpperCase(text.charAt(17));
        if (last != CHECK.charAt(sum % 11)) {
            return "the check character of the identity card number is wrong";
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(text.substring(6, 10)),
                    Integer.parseInt(text.substring(10, 12)), Integer.parseInt(text.substring(12, 14)));
            if (birth.getYear() < 1900) {
                return "the date of birth in the identity card number is not a real date";
            }
        } catch (DateTimeException e) {
            return "the date of birth in the identity card number is not a real date";
        }
        return null;
    }

    public LocalDate dateOfBirth() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    /** As shown to staff and readers: the first four and last four characters, {@code 3407**********1234}. */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(10) + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
