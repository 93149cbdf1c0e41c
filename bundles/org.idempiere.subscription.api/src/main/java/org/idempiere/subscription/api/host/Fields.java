package org.idempiere.subscription.api.host;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * The checks of the contact and address fields a customer enters ({@link ContactUpdate},
 * {@link AddressUpdate}), in one place for both hosts. Each strips surrounding blanks, turns a
 * blank optional value into none, and throws {@link SubscriptionException} REQUIRED or
 * INVALID_VALUE naming the field and the value. Stateless.
 */
final class Fields {
    /** A practical subset of RFC 5322 that {@code javax.mail.internet.InternetAddress} also accepts. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()/-]+");
    private static final Pattern DIGIT = Pattern.compile(".*[0-9].*");
    private static final Pattern POSTAL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9 -]*[A-Za-z0-9])?");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Fields() {
    }

    /** A required text of at most {@code max} characters, without control characters. */
    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw SubscriptionException.required(field);
        }
        return text(field, value.strip(), max);
    }

    /** An optional text of at most {@code max} characters, without control characters. */
    static Optional<String> optional(String field, Optional<String> value, int max) {
        return present(value).map(v -> text(field, v, max));
    }

    /** An optional e-mail address of at most {@code max} characters. */
    static Optional<String> email(String field, Optional<String> value, int max) {
        return present(value).map(v -> matching(field, text(field, v, max), EMAIL, "is not an e-mail address"));
    }

    /** An optional phone number: digits, spaces and {@code + ( ) - /} only, with a digit. */
    static Optional<String> phone(String field, Optional<String> value, int max) {
        return present(value).map(v -> {
            String phone = matching(field, text(field, v, max), PHONE, "may hold only digits, spaces and + ( ) - /");
            return matching(field, phone, DIGIT, "has no digit");
        });
    }

    /** An optional postal code: letters, digits, spaces and hyphens, starting and ending with a letter or digit. */
    static Optional<String> postal(String field, Optional<String> value, int max) {
        return present(value).map(v -> matching(field, text(field, v, max), POSTAL,
                "may hold only letters, digits, spaces and hyphens"));
    }

    /** A country as its ISO 3166-1 alpha-2 code, in either letter case; returned in upper case. */
    static String country(String field, String value) {
        if (value == null || value.isBlank()) {
            throw SubscriptionException.required(field);
        }
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (code.length() != 2 || !COUNTRIES.contains(code)) {
            throw SubscriptionException.invalid(field, value, "is not an ISO 3166-1 alpha-2 country code such as SK");
        }
        return code;
    }

    private static Optional<String> present(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank()).map(String::strip);
    }

    private static String text(String field, String value, int max) {
        if (value.length() > max) {
            // the value is cut in the message: an oversized input must not become an oversized error
            throw SubscriptionException.invalid(field, value.substring(0, max) + "...", "is longer than " + max + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw SubscriptionException.invalid(field, value.replaceAll("\\p{Cntrl}", "?"), "contains a control character");
        }
        return value;
    }

    private static String matching(String field, String value, Pattern pattern, String why) {
        if (!pattern.matcher(value).matches()) {
            throw SubscriptionException.invalid(field, value, why);
        }
        return value;
    }
}
