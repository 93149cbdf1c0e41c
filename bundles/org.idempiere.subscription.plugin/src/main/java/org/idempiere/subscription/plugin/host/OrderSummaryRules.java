package org.idempiere.subscription.plugin.host;

import java.util.Optional;
import java.util.Set;
import org.compiere.model.X_C_DocType;
import org.compiere.model.X_C_Order;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.OrderSummary;

/**
 * How an iDempiere sales document appears in the customer portal, decided without iDempiere. The
 * constants are release-12's compile-time constants of {@code X_C_DocType} and {@code X_C_Order},
 * so this class needs no iDempiere class at run time.
 *
 * <ul>
 * <li><b>Listed</b>: sales documents ({@code IsSOTrx=Y}) of base type Sales Order ({@code SOO}),
 * except Return Material ({@code RM}). Purchase orders and returns are not the customer's orders.</li>
 * <li><b>Kind</b>: the quotation ({@code OB}, binding) and the proposal ({@code ON}, not binding)
 * are quotations; every other subtype is an order.</li>
 * <li><b>Status</b>: iDempiere's {@code DocStatus} folded into {@link OrderSummary.Status}.</li>
 * </ul>
 */
final class OrderSummaryRules {
    /** {@code DocSubTypeSO} values of offers. */
    static final Set<String> OFFERS = Set.of(X_C_DocType.DOCSUBTYPESO_Quotation, X_C_DocType.DOCSUBTYPESO_Proposal);

    private OrderSummaryRules() {
    }

    /** @return the kind of a listed document; empty for one the portal does not list */
    static Optional<OrderSummary.Kind> kind(boolean soTrx, String docBaseType, String docSubTypeSO) {
        if (!soTrx || !X_C_DocType.DOCBASETYPE_SalesOrder.equals(docBaseType)
                || X_C_DocType.DOCSUBTYPESO_ReturnMaterial.equals(docSubTypeSO)) {
            return Optional.empty();
        }
        // Set.of refuses to be asked about null: a document type without a subtype is an order
        boolean offer = docSubTypeSO != null && OFFERS.contains(docSubTypeSO);
        return Optional.of(offer ? OrderSummary.Kind.QUOTATION : OrderSummary.Kind.ORDER);
    }

    /** @return whether the customer's acceptance binds the seller: everything but a proposal ({@code ON}) */
    static boolean binding(String docSubTypeSO) {
        return !X_C_DocType.DOCSUBTYPESO_Proposal.equals(docSubTypeSO);
    }

    /**
     * iDempiere's {@code DocStatus}: DR, IN (a completion that failed a check) and the unknown
     * {@code ??} are drafted; IP, AP, NA, WP and WC in progress; CO, CL, VO, RE as named.
     */
    static OrderSummary.Status status(String docStatus) {
        if (docStatus == null) {
            return OrderSummary.Status.DRAFTED;
        }
        return switch (docStatus) {
            case X_C_Order.DOCSTATUS_Completed -> OrderSummary.Status.COMPLETED;
            case X_C_Order.DOCSTATUS_Closed -> OrderSummary.Status.CLOSED;
            case X_C_Order.DOCSTATUS_Voided -> OrderSummary.Status.VOIDED;
            case X_C_Order.DOCSTATUS_Reversed -> OrderSummary.Status.REVERSED;
            case X_C_Order.DOCSTATUS_InProgress, X_C_Order.DOCSTATUS_Approved, X_C_Order.DOCSTATUS_NotApproved,
                    X_C_Order.DOCSTATUS_WaitingPayment, X_C_Order.DOCSTATUS_WaitingConfirmation -> OrderSummary.Status.IN_PROGRESS;
            default -> OrderSummary.Status.DRAFTED;
        };
    }

    /**
     * The plan of a line: the product's template when the product is a subscription product, as
     * quote-to-contract will take it on completion ({@link OrderRules#plan}); a subscription
     * product without a template shows as one-off (its completion would fail and say why).
     */
    static Optional<Long> plan(boolean subscriptionProduct, int templateId) {
        return subscriptionProduct && templateId > 0 ? Optional.of((long) templateId) : Optional.empty();
    }

    /**
     * @param documentNo the quotation's number, for the message
     * @param processed  what {@code processIt(DocAction.ACTION_Complete)} returned
     * @param docStatus  its {@code DocStatus} afterwards
     * @param processMsg its {@code getProcessMsg()} afterwards, may be null
     * @throws SubscriptionException HOST_FAILURE with iDempiere's reason unless it is completed
     *         (a validator, the engine's quote-to-contract or the period refused it)
     */
    static void requireCompleted(String documentNo, boolean processed, String docStatus, String processMsg) {
        if (processed && X_C_Order.DOCSTATUS_Completed.equals(docStatus)) {
            return;
        }
        String reason = processMsg == null || processMsg.isBlank() ? "iDempiere gave no reason" : processMsg.strip();
        throw SubscriptionException.hostFailure("Quotation " + documentNo + " could not be completed (DocStatus "
                + docStatus + "): " + reason, null);
    }
}
