package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.idempiere.subscription.api.ChangeType;

/**
 * One ledger entry behind a figure (drill-down), in its own currency.
 *
 * @param entryId        the entry ({@code SUB_ChangeLog_ID})
 * @param subscriptionId the subscription
 * @param documentNo     its document number
 * @param customerId     its customer
 * @param templateId     the plan after the entry
 * @param date           the entry's date
 * @param type           its movement type
 * @param delinquent     a churn caused by failed payments
 * @param currency       ISO code of the amounts
 * @param mrrBefore      the previous entry's MRR of the subscription in the currency (what the movement is measured from)
 * @param mrrAfter       the MRR after the entry
 * @param movement       the entry's part of the figure it is behind: mrrAfter − mrrBefore; with a plan
 *                       ({@code templateId} of the query) the plan's part — 0.00 for an entry that left the plan,
 *                       whose MRR moved to the new plan as a plan transfer; with type {@code PLAN_TRANSFER} the
 *                       transfer — +mrrBefore on the new plan, −mrrBefore on the old one, 0.00 without a plan; with a
 *                       product ({@link Segment#productId()}) the product's share of that part, so that the lines
 *                       add up to the product's figure exactly (mrrBefore and mrrAfter stay the subscription's)
 * @param closeReasonId  a churn entry's close reason, when one was given at the close it records
 * @param closeReason    that close reason's name and the comment given with it (a churn entry written before 1.0.1: none)
 * @param description    the entry's description
 */
public record LedgerLine(long entryId, long subscriptionId, String documentNo, long customerId, long templateId, LocalDate date,
        ChangeType type, boolean delinquent, String currency, BigDecimal mrrBefore, BigDecimal mrrAfter, BigDecimal movement,
        Optional<Long> closeReasonId, Optional<String> closeReason, Optional<String> description) {
}
