package org.idempiere.subscription.plugin.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.JournalDraft;
import org.idempiere.subscription.api.host.JournalDraft.JournalLineDraft;
import org.junit.jupiter.api.Test;

class JournalFieldsTest {
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private static JournalDraft draft(BigDecimal rate, JournalLineDraft... lines) {
        return new JournalDraft(LocalDate.of(2026, 4, 30), 102, rate, "April", List.of(lines));
    }

    private static JournalLineDraft dr(long account, String amount) {
        return new JournalLineDraft(account, new BigDecimal(amount), ZERO, "April");
    }

    private static JournalLineDraft cr(long account, String amount) {
        return new JournalLineDraft(account, ZERO, new BigDecimal(amount), "April");
    }

    @Test
    void aBalancedJournal_isBookable() {
        JournalFields.requireBookable(draft(BigDecimal.ONE, dr(11, "100.00"), cr(12, "100.00"), dr(22, "5.00"), cr(21, "5.00")));
    }

    @Test
    void anUnbalancedOrEmptyOrTwoSidedJournal_orNoRate_isRefusedNamingWhy() {
        assertEquals(Optional.of("lines"), refused(draft(BigDecimal.ONE, dr(11, "100.00"), cr(12, "99.99"))).field());
        assertEquals(Optional.of("lines"), refused(draft(BigDecimal.ONE)).field());
        assertEquals(Optional.of("lines[0]"), refused(draft(BigDecimal.ONE, new JournalLineDraft(11, new BigDecimal("1.00"),
                new BigDecimal("1.00"), "x"))).field());
        assertEquals(Optional.of("lines[1]"), refused(draft(BigDecimal.ONE, dr(11, "1.00"), cr(12, "-1.00"))).field());
        assertEquals(Optional.of("currencyRate"), refused(draft(BigDecimal.ZERO, dr(11, "1.00"), cr(12, "1.00"))).field());
    }

    @Test
    void aJournalNotCompleted_isAHostFailure_withIdempieresReason() {
        JournalFields.requireCompleted("GLJ-1", true, "CO", null);
        SubscriptionException e = assertThrows(SubscriptionException.class,
                () -> JournalFields.requireCompleted("GLJ-1", false, "IN", "Period closed"));
        assertEquals(ErrorCode.HOST_FAILURE, e.code());
        assertEquals("GL journal GLJ-1 could not be completed (DocStatus IN): Period closed", e.getMessage());
    }

    private static SubscriptionException refused(JournalDraft d) {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> JournalFields.requireBookable(d));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        return e;
    }
}
