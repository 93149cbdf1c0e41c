package org.idempiere.subscription.sandbox.internal.gateway;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * The reference gateway's checks of what is tokenized and its published test numbers. A card
 * number or IBAN only passes through here: what is kept of it is its brand, last four digits or
 * masked form, and the {@link Behaviour} its test number stands for. Errors name the field and
 * show the value masked, never the number itself.
 */
public final class TestInstruments {
    private TestInstruments() {
    }

    /** What a charge with an instrument does at the reference gateway. */
    public enum Behaviour {
        /** Captured. */
        SUCCEEDS,
        /** Declined: {@code insufficient_funds}. */
        INSUFFICIENT_FUNDS,
        /** Declined: {@code expired_card}. */
        EXPIRED_CARD,
        /** Declined: {@code do_not_honor}. */
        DO_NOT_HONOR,
        /** Errored: {@code processing_error}; nothing moved. */
        PROCESSING_ERROR,
        /** Captured, but the answer is lost: the caller gets UNKNOWN after the latency; {@code status} says SUCCEEDED. */
        TIMES_OUT,
        /** Declined ({@code try_again_later}) as often as the setting {@code retryDeclines} says for one customer and invoice, then captured. */
        SUCCEEDS_AFTER_RETRIES,
        /** Captured; a refund of it is declined ({@code expired_or_canceled_card}): the card was cancelled since. */
        REFUND_DECLINED,
        /** Captured; a refund of it errors ({@code processing_error}): nothing is refunded. */
        REFUND_ERRORS
    }

    /** The published test card numbers; any other valid number succeeds. */
    public static final Map<String, Behaviour> CARDS = Map.of(
            "4242424242424242", Behaviour.SUCCEEDS,
            "5555555555554444", Behaviour.SUCCEEDS,
            "4000000000009995", Behaviour.INSUFFICIENT_FUNDS,
            "4000000000000069", Behaviour.EXPIRED_CARD,
            "4000000000000002", Behaviour.DO_NOT_HONOR,
            "4000000000000119", Behaviour.PROCESSING_ERROR,
            "4000000000000770", Behaviour.TIMES_OUT,
            "4000000000000341", Behaviour.SUCCEEDS_AFTER_RETRIES,
            "4000000000005126", Behaviour.REFUND_DECLINED,
            "4000000000007726", Behaviour.REFUND_ERRORS);

    /** The published test IBANs; any other valid IBAN succeeds. */
    public static final Map<String, Behaviour> IBANS = Map.of(
            "DE89370400440532013000", Behaviour.SUCCEEDS,
            "DE62370400440532013001", Behaviour.INSUFFICIENT_FUNDS,
            "DE31370400440000000666", Behaviour.PROCESSING_ERROR);

    private static final Pattern DIGITS = Pattern.compile("[0-9]{12,19}");
    private static final Pattern CVC = Pattern.compile("[0-9]{3,4}");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern MANDATE = Pattern.compile("[A-Za-z0-9+?/:().,' -]{1,35}");

    /** A checked card: what may be kept of it. */
    public record Card(String brand, String last4, YearMonth expiry, String holder, Behaviour behaviour) {
    }

    /** A checked direct-debit mandate: what may be kept of it. */
    public record Mandate(String maskedIban, Optional<String> reference, LocalDate date, String holder, Behaviour behaviour) {
    }

    /**
     * Checks a card: the number by Luhn, the expiry not before {@code today}'s month, the CVC of 3
     * or 4 digits, a holder. {@code prefix} names the fields ({@code card.number}).
     */
    public static Card card(String prefix, String number, int expMonth, int expYear, String cvc, String holder, LocalDate today) {
        String digits = number == null ? "" : number.replace(" ", "").replace("-", "");
        if (!DIGITS.matcher(digits).matches() || !luhn(digits)) {
            throw SubscriptionException.invalid(prefix + "number", maskCard(digits),
                    "is not a card number (12 to 19 digits passing the Luhn check)");
        }
        if (expMonth < 1 || expMonth > 12) {
            throw SubscriptionException.invalid(prefix + "expMonth", expMonth, "must be a month from 1 to 12");
        }
        if (expYear < 2000 || expYear > 2099) {
            throw SubscriptionException.invalid(prefix + "expYear", expYear, "must be a four-digit year");
        }
        YearMonth expiry = YearMonth.of(expYear, expMonth);
        if (expiry.isBefore(YearMonth.from(today))) {
            throw SubscriptionException.invalid(prefix + "expYear", expiry, "has passed: the card expired before " + today);
        }
        if (cvc == null || !CVC.matcher(cvc).matches()) {
            throw SubscriptionException.invalid(prefix + "cvc", cvc == null ? "" : "*".repeat(Math.min(cvc.length(), 8)),
                    "must be 3 or 4 digits");
        }
        return new Card(brand(digits), digits.substring(digits.length() - 4), expiry, holder(prefix, holder),
                CARDS.getOrDefault(digits, Behaviour.SUCCEEDS));
    }

    /**
     * Checks a mandate: the IBAN by ISO 13616 mod 97, the reference's characters (SEPA: up to 35),
     * its date not after {@code today}; a missing reference is the gateway's to give.
     */
    public static Mandate mandate(String prefix, String iban, Optional<String> reference, Optional<LocalDate> date,
            String holder, LocalDate today) {
        String normal = iban == null ? "" : iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (!IBAN.matcher(normal).matches() || !ibanChecks(normal)) {
            throw SubscriptionException.invalid(prefix + "iban", maskIban(normal), "is not an IBAN (its check digits do not match)");
        }
        reference.ifPresent(r -> {
            if (!MANDATE.matcher(r).matches()) {
                throw SubscriptionException.invalid(prefix + "mandateReference", r,
                        "must be 1 to 35 letters, digits or + ? / : ( ) . , ' - and spaces");
            }
        });
        LocalDate signed = date.orElse(today);
        if (signed.isAfter(today)) {
            throw SubscriptionException.invalid(prefix + "mandateDate", signed, "is after today (" + today + ")");
        }
        return new Mandate(maskIban(normal), reference, signed, holder(prefix, holder),
                IBANS.getOrDefault(normal, Behaviour.SUCCEEDS));
    }

    private static String holder(String prefix, String holder) {
        if (holder == null || holder.isBlank()) {
            throw SubscriptionException.required(prefix + "holder");
        }
        if (holder.length() > 120) {
            throw SubscriptionException.invalid(prefix + "holder", holder.substring(0, 20) + "...", "is longer than 120 characters");
        }
        return holder.strip();
    }

    /** The Luhn (mod 10) check of a string of digits. */
    public static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: the country and check digits moved to the end, letters as 10..35, the number mod 97 is 1. */
    public static boolean ibanChecks(String iban) {
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder n = new StringBuilder();
        for (char c : moved.toCharArray()) {
            n.append(Character.digit(c, 36));
        }
        return new BigInteger(n.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** The brand by the number's prefix, as gateways report it. */
    static String brand(String digits) {
        if (digits.startsWith("4")) {
            return "VISA";
        }
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "MASTERCARD";
        }
        if (two == 34 || two == 37) {
            return "AMEX";
        }
        if (digits.startsWith("6011") || digits.startsWith("65")) {
            return "DISCOVER";
        }
        if (two == 36 || two == 38 || (two == 30 && digits.charAt(2) <= '5')) {
            return "DINERS";
        }
        return "UNKNOWN";
    }

    /** All but the last four characters as {@code *} (all of them when there are fewer than eight). */
    public static String maskCard(String number) {
        if (number.length() < 8) {
            return "*".repeat(number.length());
        }
        return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }

    /** Country and check digits, then {@code *}, then the last four; all {@code *} for something too short to be one. */
    public static String maskIban(String iban) {
        if (iban.length() < 12) {
            return "*".repeat(iban.length());
        }
        return iban.substring(0, 4) + "*".repeat(iban.length() - 8) + iban.substring(iban.length() - 4);
    }
}
