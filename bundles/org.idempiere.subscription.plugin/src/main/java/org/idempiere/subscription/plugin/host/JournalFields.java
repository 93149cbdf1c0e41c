package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.JournalDraft;

/**
 * The checks of a journal before and after iDempiere books it, without iDempiere: a draft has
 * lines, each on one side with a non-negative amount, the sides balance and the rate is positive
 * (iDempiere would otherwise complete an unbalanced journal only to refuse posting it); a booked
 * journal is completed.
 */
final class JournalFields {
    static final String COMPLETED = "CO";

    private JournalFields() {
    }

    /** @throws SubscriptionException INVALID_VALUE naming {@code lines} or {@code currencyRate} */
    static void requireBookable(JournalDraft draft) {
        if (draft.lines().isEmpty()) {
            throw SubscriptionException.invalid("lines", 0, "a journal needs lines");
        }
        if (draft.currencyRate() == null || draft.currencyRate().signum() <= 0) {
            throw SubscriptionException.invalid("currencyRate", draft.currencyRate(), "must be above zero");
        }
        BigDecimal debit = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        for (int i = 0; i < draft.lines().size(); i++) {
            JournalDraft.JournalLineDraft l = draft.lines().get(i);
            if (l.debit().signum() < 0 || l.credit().signum() < 0 || (l.debit().signum() > 0) == (l.credit().signum() > 0)) {
                throw SubscriptionException.invalid("lines[" + i + "]", l.debit() + "/" + l.credit(),
                        "needs an amount above zero on exactly one side");
            }
            debit = debit.add(l.debit());
            credit = credit.add(l.credit());
        }
        if (debit.compareTo(credit) != 0) {
            throw SubscriptionException.invalid("lines", debit + " / " + credit, "debits and credits must balance");
        }
    }

    /** @throws SubscriptionException HOST_FAILURE with iDempiere's reason unless the journal is completed */
    static void requireCompleted(String documentNo, boolean processed, String docStatus, String processMsg) {
        if (processed && COMPLETED.equals(docStatus)) {
            return;
        }
        String reason = processMsg == null || processMsg.isBlank() ? "iDempiere gave no reason" : processMsg.strip();
        throw SubscriptionException.hostFailure("GL journal " + documentNo + " could not be completed (DocStatus " + docStatus
                + "): " + reason, null);
    }
}
