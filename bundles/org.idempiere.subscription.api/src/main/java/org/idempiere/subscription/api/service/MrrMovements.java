package org.idempiere.subscription.api.service;

import java.math.BigDecimal;

/**
 * The movements of MRR in a period, signed (contraction and churn are negative), in the report's
 * currency. {@code mrrStart + total() = mrrEnd} exactly (see {@link MrrPeriod}).
 *
 * @param newBusiness      first MRR of new subscriptions (less subscriptions voided before their first invoice)
 * @param expansion        increases of existing subscriptions (upgrades, added lines, resumes)
 * @param contraction      decreases (downgrades, removed lines, pauses)
 * @param churnVoluntary   MRR of subscriptions closed by choice (a close, an expiry, a transfer-paid invoice left unpaid)
 * @param churnDelinquent  MRR of subscriptions closed because payments failed
 * @param reactivation     MRR of closed subscriptions started again
 * @param currencyTransfer MRR moved between currencies by a change of a subscription's currency (nets to
 *                         zero in one currency only after conversion; kept apart, not net new)
 * @param planTransfer     MRR moved between plans by a change of plan: the MRR the subscription had leaves the old
 *                         plan (negative) and enters the new one (positive); zero in every total that is not of one
 *                         plan; kept apart, not net new (what the change adds or takes is the new plan's expansion
 *                         or contraction)
 * @param revaluation      in a converted report only: the change of the converted MRR from rate changes and
 *                         rounding, so the identity stays exact; zero when no conversion happens
 */
public record MrrMovements(BigDecimal newBusiness, BigDecimal expansion, BigDecimal contraction, BigDecimal churnVoluntary,
        BigDecimal churnDelinquent, BigDecimal reactivation, BigDecimal currencyTransfer, BigDecimal planTransfer,
        BigDecimal revaluation) {

    /** @return net new MRR: new + expansion + reactivation + contraction + churn (the last two negative) */
    public BigDecimal netNew() {
        return newBusiness.add(expansion).add(reactivation).add(contraction).add(churnVoluntary).add(churnDelinquent);
    }

    /** @return every movement: net new + currency transfer + plan transfer + revaluation */
    public BigDecimal total() {
        return netNew().add(currencyTransfer).add(planTransfer).add(revaluation);
    }

    /** @return churn, voluntary and delinquent (negative or zero) */
    public BigDecimal churn() {
        return churnVoluntary.add(churnDelinquent);
    }
}
