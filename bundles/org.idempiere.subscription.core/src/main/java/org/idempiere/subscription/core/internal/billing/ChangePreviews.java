package org.idempiere.subscription.core.internal.billing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceLineDraft;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.ChangePreview;
import org.idempiere.subscription.api.service.InvoicePreview;
import org.idempiere.subscription.api.service.Template;
import org.idempiere.subscription.core.internal.lifecycle.Changes;
import org.idempiere.subscription.core.internal.store.SubscriptionRecord;

/**
 * What a change would cost, without writing: the lifecycle's projection of the change (the same
 * checks as a request, the adjustment lines the settlement would post), taxed with the host's
 * rates, and the next invoice of the subscription as it would stand after the change.
 */
public final class ChangePreviews {
    private final HostContext host;
    private final Taxes taxes;
    private final Changes changes;
    private final Forecaster forecaster;

    public ChangePreviews(HostContext host, Taxes taxes, Changes changes, Forecaster forecaster) {
        this.host = host;
        this.taxes = taxes;
        this.changes = changes;
        this.forecaster = forecaster;
    }

    ChangePreview preview(long subscriptionId, ChangeDraft draft, boolean byCustomer) {
        return host.inTransaction(tx -> preview(tx, subscriptionId, draft, byCustomer));
    }

    /** The preview in {@code tx} of the tenant's subscription; NOT_FOUND when there is none. */
    public ChangePreview preview(Tx tx, long subscriptionId, ChangeDraft draft, boolean byCustomer) throws SQLException {
        SubscriptionRecord stored = changes.find(tx, subscriptionId)
                .orElseThrow(() -> SubscriptionException.notFound("Subscription", subscriptionId));
        return preview(tx, stored, Optional.empty(), draft, byCustomer);
    }

    /**
     * The preview in {@code tx} of a subscription the caller has read already in it, with its plan
     * when read too (neither is read again). A pending change whose day has come is applied first,
     * as a request would apply it, in the same transaction: when the preview is refused, that is
     * rolled back with it, and the next request, preview or billing run applies it.
     */
    public ChangePreview preview(Tx tx, SubscriptionRecord stored, Optional<Template> plan, ChangeDraft draft, boolean byCustomer)
            throws SQLException {
        Changes.Projection p = changes.project(tx, changes.applyDueOf(tx, stored), plan, draft, byCustomer);
        return new ChangePreview(stored.id(), p.effective(), p.templateId(), adjustment(tx, p), p.mrrBefore(), p.mrrAfter(),
                next(tx, p));
    }

    private Optional<ChangePreview.Adjustment> adjustment(Tx tx, Changes.Projection p) {
        if (p.adjustment().isEmpty()) {
            return Optional.empty();
        }
        long location = p.before().billToLocationId();
        Map<Taxes.RateKey, TaxRate> rates = taxes.rates(tx, p.adjustment().stream()
                .map(l -> TaxEstimate.key(l.productId(), location, p.effective())).collect(Collectors.toSet()));
        TaxEstimate taxed = new TaxEstimate(rates, location);
        List<ChangePreview.AdjustmentLine> lines = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO.setScale(p.before().mrr().amount().scale());
        for (int i = 0; i < p.adjustment().size(); i++) {
            InvoiceLineDraft l = p.adjustment().get(i);
            BigDecimal rate = taxed.add(i, l.productId(), p.effective(), l.lineNet());
            lines.add(new ChangePreview.AdjustmentLine(l.productId(), l.quantity(), l.priceActual(), l.lineNet(), rate, l.period(),
                    l.lineNet().signum() < 0));
            net = net.add(l.lineNet());
        }
        BigDecimal tax = taxed.tax(net.scale());
        return Optional.of(new ChangePreview.Adjustment(p.effective(), p.before().mrr().currency().getCurrencyCode(), net, tax,
                net.add(tax), lines));
    }

    /** The first regular invoice with the change; none when the subscription has no further invoice. */
    private Optional<InvoicePreview> next(Tx tx, Changes.Projection p) throws SQLException {
        try {
            return Optional.of(forecaster.preview(tx, p.after(), false)); // the projection has the pending changes already
        } catch (SubscriptionException e) {
            if (e.code() == org.idempiere.subscription.api.ErrorCode.INVALID_STATE) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
