package org.idempiere.subscription.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The moves of a subscription's lifecycle, and from which status each is allowed:
 *
 * <pre>
 *            activate          pause
 *   DRAFT ───────────► ACTIVE ◄──────► PAUSED
 *                       │  ▲   resume    │
 *                 close │  │ reactivate  │ close
 *                       ▼  │             ▼
 *                      CLOSED ◄──────────┘
 *   (a fixed term that does not renew, or notice not to renew, closes it at its end: "expired")
 * </pre>
 *
 * One place says which move is allowed from where and why not: the engine checks every move with
 * {@link #check}, the JSON API answers 409 with its message, and the iDempiere process
 * <i>Subscription Action</i> offers the same moves. Immutable and thread-safe.
 */
public enum SubscriptionMove {
    /** A draft becomes active: checked like a new subscription. */
    ACTIVATE(SubscriptionStatus.ACTIVE, SubscriptionStatus.DRAFT),
    /** Service stops from today; the days paid ahead are credited. */
    PAUSE(SubscriptionStatus.PAUSED, SubscriptionStatus.ACTIVE),
    /** A paused subscription is served again from today. */
    RESUME(SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED),
    /** Service ends; what was served stays billable. */
    CLOSE(SubscriptionStatus.CLOSED, SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED),
    /** A closed subscription is served again from today. */
    REACTIVATE(SubscriptionStatus.ACTIVE, SubscriptionStatus.CLOSED),
    /** Notice not to renew a fixed term: it ends with its current (or next) term. */
    CANCEL_RENEWAL(SubscriptionStatus.ACTIVE, SubscriptionStatus.ACTIVE),
    /** Lines or plan change on a day (the customer's or the seller's). */
    CHANGE(SubscriptionStatus.ACTIVE, SubscriptionStatus.ACTIVE);

    private final SubscriptionStatus to;
    private final Set<SubscriptionStatus> from;

    SubscriptionMove(SubscriptionStatus to, SubscriptionStatus first, SubscriptionStatus... more) {
        this.to = to;
        this.from = EnumSet.of(first, more);
    }

    /** @return the status after the move */
    public SubscriptionStatus to() {
        return to;
    }

    /** @return the statuses the move is allowed from (a copy) */
    public Set<SubscriptionStatus> from() {
        return EnumSet.copyOf(from);
    }

    /** @return whether the move is allowed from {@code status} */
    public boolean allowedFrom(SubscriptionStatus status) {
        return from.contains(status);
    }

    /** @return the moves allowed from {@code status}, in declaration order */
    public static Set<SubscriptionMove> allowedMoves(SubscriptionStatus status) {
        return Arrays.stream(values()).filter(m -> m.allowedFrom(status))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SubscriptionMove.class)));
    }

    /**
     * Refuses the move unless it is allowed from {@code status}.
     *
     * @throws SubscriptionException INVALID_STATE naming {@code status} and its value, saying which
     *         statuses allow the move
     */
    public void check(SubscriptionStatus status) {
        if (!allowedFrom(status)) {
            String allowed = from.stream().map(Enum::name).collect(Collectors.joining(" or "));
            throw SubscriptionException.invalidState("status", status, "does not allow " + verb() + ": only "
                    + article(allowed) + allowed + " subscription does");
        }
    }

    private String verb() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String article(String word) {
        return "AEIOU".indexOf(word.charAt(0)) >= 0 ? "an " : "a ";
    }
}
