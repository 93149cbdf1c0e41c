package org.idempiere.subscription.core.internal.plan;

import static org.idempiere.subscription.core.internal.plan.Timelines.d;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.EnumSet;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionMove;
import org.idempiere.subscription.api.SubscriptionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which move is allowed from where, and why not: the status table, then the dates. */
class LifecycleTest {
    private static final LocalDate TODAY = d("2026-06-15");

    private static Lifecycle at(SubscriptionStatus status) {
        return new Lifecycle(status, d("2026-01-01"), null, null, null, false, null);
    }

    /* move, and Y/N for DRAFT ACTIVE PAUSED CLOSED */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "ACTIVATE,       Y N N N",
            "PAUSE,          N Y N N",
            "RESUME,         N N Y N",
            "CLOSE,          N Y Y N",
            "REACTIVATE,     N N N Y",
            "CANCEL_RENEWAL, N Y N N",
            "CHANGE,         N Y N N" })
    void statusTable(SubscriptionMove move, String allowed) {
        String[] yes = allowed.trim().split(" +");
        SubscriptionStatus[] statuses = SubscriptionStatus.values();
        for (int i = 0; i < statuses.length; i++) {
            SubscriptionStatus status = statuses[i];
            if (yes[i].equals("Y")) {
                assertDoesNotThrow(() -> at(status).check(move, TODAY), move + " from " + status);
            } else {
                SubscriptionException e = assertThrows(SubscriptionException.class, () -> at(status).check(move, TODAY));
                assertEquals(ErrorCode.INVALID_STATE, e.code());
                assertEquals("status", e.field().orElseThrow());
            }
        }
    }

    @Test
    void refusal_namesTheStatusesThatAllowTheMove() {
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> SubscriptionMove.CLOSE.check(SubscriptionStatus.DRAFT));
        assertEquals("status 'DRAFT' does not allow close: only an ACTIVE or PAUSED subscription does", e.getMessage());
    }

    @Test
    void allowedMoves_fromActive() {
        assertEquals(EnumSet.of(SubscriptionMove.PAUSE, SubscriptionMove.CLOSE, SubscriptionMove.CANCEL_RENEWAL,
                SubscriptionMove.CHANGE), SubscriptionMove.allowedMoves(SubscriptionStatus.ACTIVE));
    }

    @Test
    void resume_refusedOnceNoticeEndedTheServiceWhilePaused() {
        Lifecycle l = new Lifecycle(SubscriptionStatus.PAUSED, d("2026-01-01"), null, d("2026-05-31"), null, false, null);
        assertEquals("endsOn", assertThrows(SubscriptionException.class, () -> l.check(SubscriptionMove.RESUME, TODAY)).field()
                .orElseThrow());
        assertDoesNotThrow(() -> l.check(SubscriptionMove.RESUME, d("2026-05-31")));
    }

    @Test
    void resume_refusedOnceATermThatDoesNotRenewEndedWhilePaused() {
        Lifecycle l = new Lifecycle(SubscriptionStatus.PAUSED, d("2026-01-01"), null, null, d("2026-03-31"), true, null);
        assertEquals("termEndDate", assertThrows(SubscriptionException.class, () -> l.check(SubscriptionMove.RESUME, TODAY))
                .field().orElseThrow());
    }

    @Test
    void reactivate_refusedBeforeTheCloseAndWhileServedDaysAreUnbilled() {
        Lifecycle ahead = new Lifecycle(SubscriptionStatus.CLOSED, d("2026-01-01"), d("2026-07-01"), null, null, false, null);
        assertEquals("dateClosed", assertThrows(SubscriptionException.class, () -> ahead.check(SubscriptionMove.REACTIVATE, TODAY))
                .field().orElseThrow());
        Lifecycle unbilled = new Lifecycle(SubscriptionStatus.CLOSED, d("2026-01-01"), d("2026-06-01"), null, null, false,
                d("2026-06-01"));
        assertDoesNotThrow(() -> unbilled.check(SubscriptionMove.REACTIVATE, TODAY));
        assertEquals("nextInvoiceDate", assertThrows(SubscriptionException.class, unbilled::checkNothingLeftToBill).field()
                .orElseThrow());
    }

    @Test
    void effectiveDay_isTheStartForASubscriptionNotStartedYet() {
        Lifecycle l = new Lifecycle(SubscriptionStatus.ACTIVE, d("2026-07-01"), null, null, null, false, null);
        assertEquals(d("2026-07-01"), l.effectiveDay(TODAY));
        assertEquals(d("2026-07-02"), l.effectiveDay(d("2026-07-02")));
    }
}
