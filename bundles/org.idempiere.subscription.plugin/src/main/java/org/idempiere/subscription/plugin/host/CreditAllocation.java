package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CreditShare;

/**
 * The allocation that settles an invoice with credit invoices ({@code Payments.settleWithCredit}),
 * decided without iDempiere: the checks, and the header and lines of the one {@code C_AllocationHdr}
 * the binding then creates and completes, as iDempiere's Payment Allocation form allocates an
 * invoice against a credit memo — no payment, the invoice's line {@code +amount}, each credit
 * invoice's line {@code -share}, so the lines add up to zero; {@code OverUnderAmt} of a line is
 * what stays open of its document (its open amount less the line's amount, as the form sets it).
 *
 * <p>Open amounts are iDempiere's {@code invoiceOpen} as {@code MInvoice.getOpenAmt(false, null)}
 * answers it, not adjusted for credit memos: positive on an invoice, negative on a credit (the
 * engine's credit invoices are AR invoices with a negative total; an AR credit memo reads the
 * same). The allocation is automatic ({@code IsManual=N}), in the invoice's organization and
 * currency, dated today; its accounting date is the latest of today and the documents' own, as
 * iDempiere's allocation of a payment moves it to the invoice's (a completed allocation may not
 * precede its documents).
 */
final class CreditAllocation {
    /** {@code C_AllocationHdr.Description}'s length. */
    static final int DESCRIPTION_MAX = 255;

    private CreditAllocation() {
    }

    /**
     * What the binding read of an {@code MInvoice}.
     *
     * @param open the signed open amount ({@code getOpenAmt(false, null)}): negative for a credit
     */
    record Document(long id, int clientId, boolean salesTransaction, String docStatus, String documentNo, int partnerId, int orgId,
            int currencyId, String currencyIso, BigDecimal open, LocalDate dateAcct) {
    }

    /** One allocation line: the document allocated, its amount and what stays open of it. */
    record Line(long invoiceId, int partnerId, BigDecimal amount, BigDecimal overUnder) {
    }

    /** The allocation: header fields and its lines, the invoice's first. */
    record Plan(int orgId, int currencyId, LocalDate dateTrx, LocalDate dateAcct, String description, List<Line> lines) {
        Plan {
            lines = List.copyOf(lines);
        }
    }

    /**
     * @param invoice  the invoice settled, if iDempiere has it
     * @param found    the credit invoices iDempiere has, by id
     * @param clientId the current tenant
     * @throws SubscriptionException REQUIRED naming {@code credits}; UNKNOWN naming {@code invoiceId}
     *         or {@code creditInvoiceId} (not a completed AR document of the tenant, a credit of another
     *         business partner); INVALID_VALUE naming {@code creditInvoiceId} (the invoice itself,
     *         another currency, not a credit) or {@code amount} (another currency, more than is open)
     */
    static Plan plan(long invoiceId, Optional<Document> invoice, Map<Long, Document> found, List<CreditShare> credits, int clientId,
            LocalDate today) {
        if (credits == null || credits.isEmpty()) {
            throw SubscriptionException.required("credits");
        }
        Document inv = invoice.filter(d -> usable(d, clientId)).orElseThrow(() -> SubscriptionException.unknown("invoiceId", invoiceId));
        Map<Long, BigDecimal> shares = sharesOf(inv, credits);
        List<Line> lines = new ArrayList<>();
        List<String> creditNos = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        LocalDate dateAcct = later(today, inv.dateAcct());
        for (Map.Entry<Long, BigDecimal> share : shares.entrySet()) {
            Document credit = credit(inv, share.getKey(), found.get(share.getKey()), clientId);
            BigDecimal left = credit.open().negate();
            if (share.getValue().compareTo(left) > 0) {
                throw SubscriptionException.invalid("amount", money(share.getValue(), inv), "is more than credit invoice "
                        + credit.documentNo() + " has open (" + money(left, inv) + ")");
            }
            lines.add(new Line(credit.id(), credit.partnerId(), share.getValue().negate(), credit.open().add(share.getValue())));
            creditNos.add(credit.documentNo());
            total = total.add(share.getValue());
            dateAcct = later(dateAcct, credit.dateAcct());
        }
        if (total.compareTo(inv.open()) > 0) {
            throw SubscriptionException.invalid("amount", money(total, inv), "is more than invoice " + inv.documentNo()
                    + " has open (" + money(inv.open().max(BigDecimal.ZERO), inv) + ")");
        }
        lines.add(0, new Line(inv.id(), inv.partnerId(), total, inv.open().subtract(total)));
        String description = "Subscription credit: invoice " + inv.documentNo() + " settled with credit invoice "
                + String.join(", ", creditNos);
        return new Plan(inv.orgId(), inv.currencyId(), today, dateAcct,
                description.length() > DESCRIPTION_MAX ? description.substring(0, DESCRIPTION_MAX - 3) + "..." : description, lines);
    }

    /** A completed (or closed) AR document of the tenant. */
    private static boolean usable(Document d, int clientId) {
        return d.clientId() == clientId && d.salesTransaction() && ("CO".equals(d.docStatus()) || "CL".equals(d.docStatus()));
    }

    /** The shares by credit invoice (one named twice is summed), each in the invoice's currency. */
    private static Map<Long, BigDecimal> sharesOf(Document invoice, List<CreditShare> credits) {
        Map<Long, BigDecimal> out = new LinkedHashMap<>();
        for (CreditShare share : credits) {
            if (!share.amount().currency().getCurrencyCode().equals(invoice.currencyIso())) {
                throw SubscriptionException.invalid("amount", share.amount(), "is not in the currency of invoice "
                        + invoice.documentNo() + " (" + invoice.currencyIso() + ")");
            }
            if (share.creditInvoiceId() == invoice.id()) {
                throw SubscriptionException.invalid("creditInvoiceId", share.creditInvoiceId(), "is the invoice settled");
            }
            out.merge(share.creditInvoiceId(), share.amount().amount(), BigDecimal::add);
        }
        return out;
    }

    /** A credit of the invoice's business partner and currency with credit open. */
    private static Document credit(Document invoice, long creditInvoiceId, Document credit, int clientId) {
        if (credit == null || !usable(credit, clientId) || credit.partnerId() != invoice.partnerId()) {
            throw SubscriptionException.unknown("creditInvoiceId", creditInvoiceId);
        }
        if (credit.currencyId() != invoice.currencyId()) {
            throw SubscriptionException.invalid("creditInvoiceId", creditInvoiceId, "is in " + credit.currencyIso()
                    + ", not in the currency of invoice " + invoice.documentNo() + " (" + invoice.currencyIso() + ")");
        }
        if (credit.open().signum() >= 0) {
            throw SubscriptionException.invalid("creditInvoiceId", creditInvoiceId, "has no credit open (credit invoice "
                    + credit.documentNo() + ", open " + credit.open().toPlainString() + ")");
        }
        return credit;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    private static String money(BigDecimal amount, Document invoice) {
        return Money.of(amount, Money.currency("currency", invoice.currencyIso()), java.math.RoundingMode.HALF_UP).toString();
    }
}
