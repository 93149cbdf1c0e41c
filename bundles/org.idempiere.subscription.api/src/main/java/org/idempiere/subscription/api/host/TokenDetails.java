package org.idempiere.subscription.api.host;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gateway's tokenization shows of a card or a mandate, as the seller may keep it: never a
 * card number, a CVC or a full IBAN. Immutable.
 *
 * @param kind             card or direct debit
 * @param brand            a card's brand (VISA, MASTERCARD, AMEX, DISCOVER, DINERS)
 * @param last4            a card's last four digits
 * @param expiry           a card's expiry month
 * @param maskedIban       a mandate's IBAN with all but its country, check digits and last four masked ({@code *})
 * @param mandateReference a mandate's reference
 * @param mandateDate      the day the mandate was signed
 * @param holder           the card holder or account holder, if the gateway showed one
 */
public record TokenDetails(PaymentMethodKind kind, Optional<String> brand, Optional<String> last4, Optional<YearMonth> expiry,
        Optional<String> maskedIban, Optional<String> mandateReference, Optional<LocalDate> mandateDate, Optional<String> holder) {
    public TokenDetails {
        Objects.requireNonNull(kind, "kind");
        brand = brand == null ? Optional.empty() : brand;
        last4 = last4 == null ? Optional.empty() : last4;
        expiry = expiry == null ? Optional.empty() : expiry;
        maskedIban = maskedIban == null ? Optional.empty() : maskedIban;
        mandateReference = mandateReference == null ? Optional.empty() : mandateReference;
        mandateDate = mandateDate == null ? Optional.empty() : mandateDate;
        holder = holder == null ? Optional.empty() : holder;
    }

    /** A card. */
    public static TokenDetails card(String brand, String last4, YearMonth expiry, Optional<String> holder) {
        return new TokenDetails(PaymentMethodKind.CARD, Optional.of(brand), Optional.of(last4), Optional.of(expiry),
                Optional.empty(), Optional.empty(), Optional.empty(), holder);
    }

    /** A direct-debit mandate. */
    public static TokenDetails directDebit(String maskedIban, String mandateReference, LocalDate mandateDate,
            Optional<String> holder) {
        return new TokenDetails(PaymentMethodKind.DIRECT_DEBIT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(maskedIban), Optional.of(mandateReference), Optional.of(mandateDate), holder);
    }
}
