package org.idempiere.subscription.plugin.host;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.PaymentMethodKind;
import org.idempiere.subscription.api.host.TokenDetails;

/**
 * How a saved payment method is kept on iDempiere's {@code C_BP_BankAccount} and read back:
 * the token in {@code CustomerPaymentProfileID}; a card's brand as {@code CreditCardType}, its
 * number as iDempiere itself masks one ({@code PaymentUtil.encrpytCreditCard}: zeros and the last
 * four), its expiry in {@code CreditCardExpMM}/{@code CreditCardExpYY} (two digits); a mandate's
 * masked IBAN in {@code AccountNo} (the {@code IBAN} column is validated as a full IBAN when
 * saved, and a full IBAN is never kept). The default method is the one whose
 * {@code BPBankAcctUse} is Direct Debit (the account automatic collections use); the others are
 * None. Release 12's {@code C_BP_BankAccount} has no column for a mandate's reference or date: the
 * plugin's 2Pack (1.0.1) adds {@value #MANDATE_REFERENCE} and {@value #MANDATE_DATE} to it, which
 * the binding reads and writes by name through iDempiere's generic column access ({@link Columns}).
 */
final class SavedMethodFields {
    private SavedMethodFields() {
    }

    /** The values of the record. */
    record Stored(String token, String creditCardType, String creditCardNumber, int expMM, int expYY, String accountNo,
            String bpBankAcctUse, String holder, String mandateReference, LocalDate mandateDate) {
    }

    /**
     * A record's columns by name, as iDempiere's {@code PO} gives them to code that is not the
     * model class: {@code get_Value(String)} and {@code set_ValueOfColumnReturningBoolean(String,
     * Object)} (its {@code set_Value} is protected). A date column holds a {@link Timestamp}.
     */
    interface Columns {
        /** @return the column's value, or null (also for a column the table does not have) */
        Object get(String columnName);

        /** @return whether the value was set (false: no such column, or a value of the wrong type) */
        boolean set(String columnName, Object value);
    }

    /** The column the plugin's 2Pack adds to {@code C_BP_BankAccount} for a mandate's reference. */
    static final String MANDATE_REFERENCE = "SUB_MandateReference";
    /** The column the plugin's 2Pack adds to {@code C_BP_BankAccount} for the day a mandate was signed. */
    static final String MANDATE_DATE = "SUB_MandateDate";
    /** A SEPA mandate reference: up to 35 of the characters SEPA allows. */
    private static final Pattern MANDATE = Pattern.compile("[A-Za-z0-9+?/:().,' -]{1,35}");

    static final String USE_DEFAULT = "D";
    static final String USE_OTHER = "N";
    private static final Map<String, String> TYPES = Map.of("VISA", "V", "MASTERCARD", "M", "AMEX", "A", "DISCOVER", "N",
            "DINERS", "D");
    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");
    private static final Pattern MASKED_IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}\\*+[A-Z0-9]{4}");
    private static final Pattern MASKED_NUMBER = Pattern.compile("0*[0-9]{4}");
    /** {@code C_BP_BankAccount.CustomerPaymentProfileID} holds up to 60 characters. */
    static final int TOKEN_LENGTH = 60;

    /**
     * The record's values for a registration.
     *
     * @throws SubscriptionException naming {@code token} or the {@code details} field that is
     *         missing or not what a gateway shows (a full IBAN is refused, not kept)
     */
    static Stored of(MethodRegistration registration, boolean isDefault) {
        String token = registration.token().strip();
        if (token.isEmpty() || token.length() > TOKEN_LENGTH) {
            throw SubscriptionException.invalid("token", token.length() > 12 ? token.substring(0, 8) + "..." : token,
                    "must be 1 to " + TOKEN_LENGTH + " characters");
        }
        TokenDetails d = registration.details().orElseThrow(() -> SubscriptionException.required("details"));
        String use = isDefault ? USE_DEFAULT : USE_OTHER;
        String holder = d.holder().map(String::strip).filter(h -> !h.isEmpty()).orElse(null);
        if (d.kind() == PaymentMethodKind.CARD) {
            String brand = d.brand().orElseThrow(() -> SubscriptionException.required("details.brand"));
            String type = TYPES.get(brand.toUpperCase(java.util.Locale.ROOT));
            if (type == null) {
                throw SubscriptionException.invalid("details.brand", brand, "is not one of " + new java.util.TreeSet<>(TYPES.keySet()));
            }
            String last4 = d.last4().orElseThrow(() -> SubscriptionException.required("details.last4"));
            if (!LAST4.matcher(last4).matches()) {
                throw SubscriptionException.invalid("details.last4", last4.length() > 4 ? "****" : last4, "must be four digits");
            }
            YearMonth expiry = d.expiry().orElseThrow(() -> SubscriptionException.required("details.expiry"));
            if (expiry.getYear() < 2000 || expiry.getYear() > 2099) {
                throw SubscriptionException.invalid("details.expiry", expiry, "must be in 2000..2099");
            }
            return new Stored(token, type, "0".repeat(12) + last4, expiry.getMonthValue(), expiry.getYear() % 100, null, use, holder,
                    null, null);
        }
        String masked = d.maskedIban().orElseThrow(() -> SubscriptionException.required("details.maskedIban"));
        if (!MASKED_IBAN.matcher(masked).matches()) {
            String shown = masked.length() > 8 ? masked.substring(0, 4) + "*".repeat(masked.length() - 8)
                    + masked.substring(masked.length() - 4) : "*".repeat(masked.length());
            throw SubscriptionException.invalid("details.maskedIban", shown,
                    "is not a masked IBAN (country, check digits, '*', the last four)");
        }
        String reference = d.mandateReference().map(String::strip)
                .orElseThrow(() -> SubscriptionException.required("details.mandateReference"));
        if (!MANDATE.matcher(reference).matches()) {
            throw SubscriptionException.invalid("details.mandateReference", reference.length() > 35 ? reference.substring(0, 35)
                    + "..." : reference, "must be 1 to 35 letters, digits, spaces or + ? / : ( ) . , ' -");
        }
        LocalDate signed = d.mandateDate().orElseThrow(() -> SubscriptionException.required("details.mandateDate"));
        if (signed.getYear() < 2000 || signed.getYear() > 2099) {
            throw SubscriptionException.invalid("details.mandateDate", signed, "must be in 2000..2099");
        }
        return new Stored(token, null, null, 0, 0, masked, use, holder, reference, signed);
    }

    /**
     * Writes a mandate's reference and date into the record's columns (nothing for a card).
     *
     * @throws SubscriptionException HOST_FAILURE when iDempiere does not take them: its
     *         {@code C_BP_BankAccount} lacks the columns (the plugin's 2Pack 1.0.1 is not applied),
     *         so a mandate is never saved without its reference
     */
    static void writeMandate(Stored s, Columns record) {
        if (s.mandateReference() == null) {
            return;
        }
        if (!record.set(MANDATE_REFERENCE, s.mandateReference())
                || !record.set(MANDATE_DATE, Timestamp.valueOf(s.mandateDate().atStartOfDay()))) {
            throw SubscriptionException.hostFailure("iDempiere's C_BP_BankAccount did not take " + MANDATE_REFERENCE + " and "
                    + MANDATE_DATE + ": is the plugin's 2Pack 1.0.1 applied?", null);
        }
    }

    /** A mandate's reference and date as the record holds them (nulls when it holds none). */
    record Mandate(String reference, LocalDate date) {
    }

    /** Reads a mandate's reference and date from the record's columns. */
    static Mandate readMandate(Columns record) {
        Object reference = record.get(MANDATE_REFERENCE);
        Object date = record.get(MANDATE_DATE);
        return new Mandate(reference instanceof String r && !r.isBlank() ? r : null,
                date instanceof Timestamp t ? t.toLocalDateTime().toLocalDate() : null);
    }

    /** The method as the engine sees it: a card when the record has a card type, else a mandate. */
    static PaymentMethod view(long id, long customerId, Stored s) {
        boolean card = s.creditCardType() != null && !s.creditCardType().isBlank();
        boolean isDefault = USE_DEFAULT.equals(s.bpBankAcctUse());
        if (card) {
            String brand = TYPES.entrySet().stream().filter(e -> e.getValue().equals(s.creditCardType())).map(Map.Entry::getKey)
                    .findFirst().orElse("UNKNOWN");
            String n = s.creditCardNumber();
            Optional<String> last4 = n != null && n.length() >= 4 && MASKED_NUMBER.matcher(n).matches()
                    ? Optional.of(n.substring(n.length() - 4)) : Optional.empty();
            Optional<YearMonth> expiry = s.expMM() >= 1 && s.expMM() <= 12 ? Optional.of(YearMonth.of(2000 + s.expYY() % 100, s.expMM()))
                    : Optional.empty();
            return new PaymentMethod(id, customerId, PaymentMethodKind.CARD, Optional.of(brand), last4, expiry, Optional.empty(),
                    Optional.empty(), Optional.empty(), isDefault);
        }
        Optional<String> masked = Optional.ofNullable(s.accountNo()).filter(a -> MASKED_IBAN.matcher(a).matches());
        return new PaymentMethod(id, customerId, PaymentMethodKind.DIRECT_DEBIT, Optional.empty(), Optional.empty(),
                Optional.empty(), masked, Optional.ofNullable(s.mandateReference()), Optional.ofNullable(s.mandateDate()), isDefault);
    }
}
