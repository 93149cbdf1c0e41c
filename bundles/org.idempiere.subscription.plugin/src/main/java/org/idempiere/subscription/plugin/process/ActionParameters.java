package org.idempiere.subscription.plugin.process;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.SubscriptionMove;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;

/**
 * The parameters of the process Subscription Action (the button of the Subscription window) and
 * what it does with them, without iDempiere: {@link SubscriptionAction} hands over the parameters
 * as name/value pairs and the id of the subscription the button was pressed on.
 */
public final class ActionParameters {
    /** The action: a value of the list SUB_SubscriptionAction. */
    public static final String ACTION = "SubscriptionAction";
    /** Closing only: the churn reason from the tenant's list. */
    public static final String CLOSE_REASON = "SUB_CloseReason_ID";
    /** Closing only: a comment. */
    public static final String COMMENT = "CloseReason";
    /** The process's search key ({@code AD_Process.Value}). */
    public static final String PROCESS = "SUB_SubscriptionAction";
    /** Every parameter the process reads; any other is refused. */
    public static final java.util.List<String> NAMES = java.util.List.of(ACTION, CLOSE_REASON, COMMENT);

    private ActionParameters() {
    }

    /**
     * The values of the list SUB_SubscriptionAction in the 2Pack: each one move of the lifecycle
     * ({@link SubscriptionMove}), which says from which status it is allowed; the engine refuses
     * it otherwise, naming the status.
     */
    public enum Action {
        ACTIVATE("AC", "activated", SubscriptionMove.ACTIVATE), PAUSE("PA", "paused", SubscriptionMove.PAUSE),
        RESUME("RS", "resumed", SubscriptionMove.RESUME), CLOSE("CL", "closed", SubscriptionMove.CLOSE),
        REACTIVATE("RA", "reactivated", SubscriptionMove.REACTIVATE),
        NO_RENEWAL("NR", "will not renew", SubscriptionMove.CANCEL_RENEWAL);

        private final String code;
        private final String done;
        private final SubscriptionMove move;

        Action(String code, String done, SubscriptionMove move) {
            this.code = code;
            this.done = done;
            this.move = move;
        }

        /** @return the list value stored in AD_Ref_List.Value */
        public String code() {
            return code;
        }

        /** @return the lifecycle move it makes */
        public SubscriptionMove move() {
            return move;
        }

        /** @return the actions allowed for a subscription in {@code status}: what the button offers */
        public static java.util.List<Action> allowedFrom(org.idempiere.subscription.api.SubscriptionStatus status) {
            return Arrays.stream(values()).filter(a -> a.move.allowedFrom(status)).toList();
        }
    }

    /**
     * What the user asked for.
     *
     * @param subscriptionId the record the button was pressed on
     * @param closeReasonId  closing: the churn reason
     * @param comment        closing: the comment
     */
    public record Request(long subscriptionId, Action action, Optional<Long> closeReasonId, Optional<String> comment) {

        /**
         * Carries the action out through the engine, which validates it (an action the status does
         * not allow is refused, naming the status) and logs its MRR movement.
         *
         * @return the subscription afterwards
         */
        public Subscription apply(SubscriptionService subscriptions) {
            return switch (action) {
                case ACTIVATE -> subscriptions.activate(subscriptionId);
                case PAUSE -> subscriptions.pause(subscriptionId);
                case RESUME -> subscriptions.resume(subscriptionId);
                case REACTIVATE -> subscriptions.reactivate(subscriptionId);
                case NO_RENEWAL -> subscriptions.cancelRenewal(subscriptionId);
                case CLOSE -> closeReasonId.isPresent()
                        ? subscriptions.close(subscriptionId, closeReasonId.get(), comment)
                        : subscriptions.close(subscriptionId, comment.orElseThrow(() -> SubscriptionException.required(CLOSE_REASON)));
            };
        }
    }

    /**
     * @param values   parameter name to value, as the process received them; null values are "not set"
     * @param recordId the process's {@code Record_ID}: the subscription; 0 when not run from a record
     * @throws SubscriptionException naming the parameter that is missing, has a wrong value or is
     *         not one of {@link #NAMES}
     */
    public static Request parse(Map<String, Object> values, int recordId) {
        ProcessValues.requireKnown(values, PROCESS, NAMES);
        if (recordId <= 0) {
            throw SubscriptionException.invalid("Record_ID", recordId,
                    "names no subscription: run Subscription Action from a subscription in the Subscription window");
        }
        String code = ProcessValues.text(values, ACTION).orElseThrow(() -> SubscriptionException.required(ACTION));
        Action action = Arrays.stream(Action.values()).filter(a -> a.code.equals(code)).findFirst()
                .orElseThrow(() -> SubscriptionException.invalid(ACTION, code, "is not an action (AC, PA, RS, CL, RA, NR)"));
        Optional<Long> reason = ProcessValues.id(values, CLOSE_REASON);
        Optional<String> comment = ProcessValues.text(values, COMMENT);
        if (action != Action.CLOSE && (reason.isPresent() || comment.isPresent())) {
            throw SubscriptionException.invalid(reason.isPresent() ? CLOSE_REASON : COMMENT,
                    reason.map(String::valueOf).orElseGet(comment::get), "is only given when closing");
        }
        if (action == Action.CLOSE && reason.isEmpty() && comment.isEmpty()) {
            throw SubscriptionException.required(CLOSE_REASON);
        }
        return new Request(recordId, action, reason, comment);
    }

    /** @return the process's result message: the subscription, what was done, its status and MRR now */
    public static String summary(Action action, Subscription s) {
        return "Subscription " + s.documentNo() + " " + action.done + ": now " + s.status() + ", MRR "
                + s.mrr().amount().toPlainString() + " " + s.mrr().currency().getCurrencyCode()
                + s.endsOn().map(d -> ", ends on " + d).orElse("");
    }
}
