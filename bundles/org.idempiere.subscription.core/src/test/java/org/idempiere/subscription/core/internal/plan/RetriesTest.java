package org.idempiere.subscription.core.internal.plan;

import static org.idempiere.subscription.core.internal.plan.Timelines.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.PaymentMode;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.service.PaymentTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry schedule after failed charges, and the state each gateway answer leaves an attempt in. */
class RetriesTest {
    private static final List<Integer> DEFAULT = PaymentTerms.DEFAULT_RETRY_DAYS;

    /* first failure on 03-10; retry days 1, 3, 5, 7 */
    @ParameterizedTest(name = "attempt {0} failed -> next on {1}")
    @CsvSource({ "1, 2026-03-11", "2, 2026-03-13", "3, 2026-03-15", "4, 2026-03-17" })
    void nextAttempt_countsFromTheFirstFailure(int failed, String next) {
        assertEquals(Optional.of(d(next)), Retries.nextAttempt(DEFAULT, failed, d("2026-03-10"), d("2026-03-10")));
    }

    @Test
    void nextAttempt_noneAfterTheLast_neverInThePast() {
        assertEquals(Optional.empty(), Retries.nextAttempt(DEFAULT, 5, d("2026-03-10"), d("2026-03-17")));
        assertEquals(Optional.empty(), Retries.nextAttempt(List.of(), 1, d("2026-03-10"), d("2026-03-10")));
        // a collector that ran late: the retry is due at once, not on a day gone by
        assertEquals(Optional.of(d("2026-03-20")), Retries.nextAttempt(DEFAULT, 2, d("2026-03-10"), d("2026-03-20")));
    }

    @Test
    void statusOf_eachOutcome() {
        assertEquals(PaymentStatus.SUCCEEDED, Retries.statusOf(ChargeResult.Outcome.SUCCEEDED));
        assertEquals(PaymentStatus.DECLINED, Retries.statusOf(ChargeResult.Outcome.DECLINED));
        assertEquals(PaymentStatus.ERRORED, Retries.statusOf(ChargeResult.Outcome.ERRORED));
        assertEquals(PaymentStatus.UNKNOWN, Retries.statusOf(ChargeResult.Outcome.UNKNOWN));
    }

    @Test
    void terms_refuseSchedulesThatAreNotIncreasingDays() {
        for (List<Integer> bad : List.of(List.of(3, 1), List.of(0, 2), List.of(1, 1), List.of(91),
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))) {
            SubscriptionException e = assertThrows(SubscriptionException.class, () -> new PaymentTerms(PaymentMode.AUTOMATIC, bad));
            assertEquals("payment.retryDays", e.field().orElseThrow());
        }
        assertEquals("1 3 5 7", PaymentTerms.MANUAL.retryDaysText());
        assertEquals(List.of(1, 3, 5, 7), PaymentTerms.parseRetryDays("1,3, 5 7"));
        assertEquals(List.of(2, 4), PaymentTerms.parseRetryDays(" 2, 4"));
        assertEquals("payment.retryDays", assertThrows(SubscriptionException.class, () -> PaymentTerms.parseRetryDays("1,x"))
                .field().orElseThrow());
    }

    /* due 03-10, 3 days: still unknown on 03-10, 03-11, 03-12 -> asked again; on 03-13 or later -> the seller's */
    @ParameterizedTest(name = "due 2026-03-10, {0} days, today {1} -> escalates {2}")
    @CsvSource({ "3, 2026-03-10, false", "3, 2026-03-12, false", "3, 2026-03-13, true", "3, 2026-04-01, true",
            "1, 2026-03-10, false", "1, 2026-03-11, true" })
    void unknownEscalates_theStatedDaysAfterTheDueDay(int days, String today, boolean escalates) {
        assertEquals(escalates, Retries.unknownEscalates(d("2026-03-10"), d(today), days));
    }

    @Test
    void unknownEscalates_refusesLessThanADay() {
        assertThrows(IllegalArgumentException.class, () -> Retries.unknownEscalates(d("2026-03-10"), d("2026-03-20"), 0));
    }
}
