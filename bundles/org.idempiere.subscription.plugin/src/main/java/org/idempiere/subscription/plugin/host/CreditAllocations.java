package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MAllocationHdr;
import org.compiere.model.MAllocationLine;
import org.compiere.model.MInvoice;
import org.compiere.process.DocAction;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CreditShare;

/**
 * Settles an invoice with credit invoices in the engine's iDempiere transaction: reads the
 * documents ({@code MInvoice}), lets {@link CreditAllocation} check them and plan the allocation,
 * then creates it as iDempiere's Payment Allocation form does — an {@code MAllocationHdr}, one
 * {@code MAllocationLine} per document ({@code setDocInfo}, no payment), completed with
 * {@code processIt(DocAction.ACTION_Complete)} and saved. Completing it updates each invoice's
 * {@code IsPaid} ({@code MAllocationLine.processIt} → {@code MInvoice.testAllocation}); a refusal
 * or a failure is a {@link SubscriptionException}, and what was written is rolled back by the
 * engine with its savepoint.
 */
final class CreditAllocations {
    private CreditAllocations() {
    }

    private static Properties ctx() {
        return Env.getCtx();
    }

    /** Allocates the credit invoices' shares against the invoice, in {@code trxName}. */
    static void settle(String trxName, long invoiceId, List<CreditShare> credits) {
        Map<Long, CreditAllocation.Document> found = new HashMap<>();
        for (CreditShare share : credits == null ? List.<CreditShare>of() : credits) {
            document(share.creditInvoiceId(), trxName).ifPresent(d -> found.put(d.id(), d));
        }
        CreditAllocation.Plan plan = CreditAllocation.plan(invoiceId, document(invoiceId, trxName), found, credits,
                Env.getAD_Client_ID(ctx()), LocalDate.now());
        try {
            MAllocationHdr alloc = new MAllocationHdr(ctx(), false, Dates.toTimestamp(plan.dateTrx()), plan.currencyId(),
                    plan.description(), trxName);
            alloc.setAD_Org_ID(plan.orgId());
            alloc.setDateAcct(Dates.toTimestamp(plan.dateAcct()));
            alloc.saveEx();
            for (CreditAllocation.Line l : plan.lines()) {
                MAllocationLine line = new MAllocationLine(alloc, l.amount(), BigDecimal.ZERO, BigDecimal.ZERO, l.overUnder());
                line.setDocInfo(l.partnerId(), 0, Ids.require("invoiceId", l.invoiceId()));
                line.saveEx();
            }
            if (!alloc.processIt(DocAction.ACTION_Complete)) {
                throw SubscriptionException.hostFailure("iDempiere did not complete the allocation " + alloc.getDocumentNo()
                        + ": " + alloc.getProcessMsg(), null);
            }
            alloc.saveEx();
        } catch (AdempiereException e) {
            throw SubscriptionException.hostFailure("iDempiere refused the allocation of credit to invoice " + invoiceId + ": "
                    + e.getLocalizedMessage(), e);
        }
    }

    /** An invoice iDempiere has, as the plan reads it; empty for an id it cannot have. */
    private static Optional<CreditAllocation.Document> document(long invoiceId, String trxName) {
        OptionalInt id = Ids.lookup(invoiceId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        MInvoice i = new MInvoice(ctx(), id.getAsInt(), trxName);
        if (i.get_ID() != id.getAsInt()) {
            return Optional.empty();
        }
        return Optional.of(new CreditAllocation.Document(invoiceId, i.getAD_Client_ID(), i.isSOTrx(), i.getDocStatus(),
                i.getDocumentNo(), i.getC_BPartner_ID(), i.getAD_Org_ID(), i.getC_Currency_ID(), i.getCurrencyISO(),
                Optional.ofNullable(i.getOpenAmt(false, null)).orElse(BigDecimal.ZERO), Dates.toLocalDate(i.getDateAcct())));
    }
}
