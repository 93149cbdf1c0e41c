package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A journal the engine asks the host to book: balanced lines in one currency, converted to the
 * accounting currency at {@code currencyRate} (1 when the currency is the accounting one).
 *
 * @param dateAcct     the accounting date (its period must be open)
 * @param currencyId   the currency of the amounts
 * @param currencyRate accounting currency per unit of {@code currencyId}
 */
public record JournalDraft(LocalDate dateAcct, long currencyId, BigDecimal currencyRate, String description,
        List<JournalLineDraft> lines) {
    public JournalDraft {
        lines = List.copyOf(lines);
    }

    /**
     * One line: an amount on the debit or the credit side of an account (the other side is zero).
     *
     * @param accountId the account combination ({@code C_ValidCombination_ID})
     */
    public record JournalLineDraft(long accountId, BigDecimal debit, BigDecimal credit, String description) {
    }
}
