package org.idempiere.subscription.api.host;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A customer's saved payment method as the engine and the API may see it: never a card number, a
 * CVC, a full IBAN or the gateway token (which stays with the host). Immutable.
 *
 * @param id               the host's id (iDempiere: {@code C_BP_BankAccount_ID})
 * @param customerId       the customer it belongs to
 * @param kind             card or direct debit
 * @param brand            a card's brand (e.g. VISA); empty for direct debit
 * @param last4            a card's last four digits; empty for direct debit
 * @param expiry           a card's expiry month; empty for direct debit
 * @param maskedIban       a mandate's IBAN with all but its country, check digits and last four masked
 * @param mandateReference a mandate's reference
 * @param mandateDate      the day the mandate was signed
 * @param isDefault        whether automatic charges use it
 */
public record PaymentMethod(long id, long customerId, PaymentMethodKind kind, Optional<String> brand, Optional<String> last4,
        Optional<YearMonth> expiry, Optional<String> maskedIban, Optional<String> mandateReference,
        Optional<LocalDate> mandateDate, boolean isDefault) {

    /** @return whether it can be charged on {@code day}: a card until the end of its expiry month, a mandate always */
    public boolean usableOn(LocalDate day) {
        return expiry.map(e -> !day.isAfter(e.atEndOfMonth())).orElse(true);
    }
}
