package org.idempiere.subscription.sandbox.internal.host;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.sandbox.internal.db.ConnectionPool;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The sandbox's test clock (like a payment provider's test clocks): either the system clock, or
 * frozen at an instant that only moves forward when someone moves it. The setting is stored in
 * the database, so it survives restarts. Dates are in UTC.
 */
@Component(service = TestClock.class)
public final class TestClock extends Clock {
    private static final int MAX_ADVANCE_DAYS = 3660;
    private final ConnectionPool pool;
    private volatile Instant frozenAt;

    @Activate
    public TestClock(@Reference SandboxDatabase database) throws SQLException {
        this.pool = database.pool();
        Connection c = pool.borrow();
        try {
            frozenAt = Rows.first(c, "SELECT frozen_at FROM sbx_clock WHERE id = 1", rs -> {
                Timestamp t = rs.getTimestamp(1);
                return Optional.ofNullable(t).map(Timestamp::toInstant);
            }).flatMap(o -> o).orElse(null);
            c.commit();
        } finally {
            pool.release(c, false);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant f = frozenAt;
        return f != null ? f : Instant.now();
    }

    /** @return whether the clock is frozen */
    public boolean isFrozen() {
        return frozenAt != null;
    }

    /**
     * Freezes the clock at the start of {@code date} (UTC).
     *
     * @throws SubscriptionException INVALID_VALUE for "date" if that is before today on this clock
     */
    public synchronized Instant setDate(LocalDate date) throws SQLException {
        LocalDate today = LocalDate.now(this);
        if (date.isBefore(today)) {
            throw SubscriptionException.invalid("date", date, "is before the clock's date " + today
                    + "; a test clock only moves forward");
        }
        return freeze(date.equals(today) ? instant() : date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Moves the clock forward by whole days (freezing it if it ran with the system clock).
     *
     * @throws SubscriptionException INVALID_VALUE for "advanceDays" outside 1..3660
     */
    public synchronized Instant advanceDays(long days) throws SQLException {
        if (days < 1 || days > MAX_ADVANCE_DAYS) {
            throw SubscriptionException.invalid("advanceDays", days, "must be between 1 and " + MAX_ADVANCE_DAYS);
        }
        return freeze(instant().plus(days, ChronoUnit.DAYS));
    }

    private Instant freeze(Instant at) throws SQLException {
        Connection c = pool.borrow();
        boolean broken = true;
        try {
            Rows.update(c, "UPDATE sbx_clock SET frozen_at = ? WHERE id = 1", Timestamp.from(at));
            c.commit();
            broken = false;
        } finally {
            pool.release(c, broken);
        }
        frozenAt = at;
        return at;
    }
}
