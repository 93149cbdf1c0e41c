package org.idempiere.subscription.plugin.host;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.adempiere.base.Core;
import org.adempiere.exceptions.AdempiereException;
import org.adempiere.exceptions.TaxNotFoundException;
import org.compiere.model.MTax;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.TaxRate;
import org.idempiere.subscription.api.host.Taxes;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * Tax previews from iDempiere's own tax lookup ({@code Core.getTaxLookup()}), asked exactly as
 * {@code MInvoiceLine.setTax()} asks it for an invoice line without order or shipment: the product,
 * no charge, the date as bill and ship date, the organization and warehouse of the context, the
 * bill-to location as bill and ship location, no drop-ship location, a sales transaction. So the
 * preview is the rate the invoice will get.
 */
@Component(service = Taxes.class)
public final class IdempiereTaxes implements Taxes {

    @Override
    public Optional<TaxRate> rateFor(Tx tx, long productId, long billToLocationId, LocalDate date) {
        OptionalInt product = Ids.lookup(productId);
        OptionalInt location = Ids.lookup(billToLocationId);
        if (product.isEmpty() || location.isEmpty()) {
            return Optional.empty();
        }
        Properties ctx = Env.getCtx();
        Timestamp day = Dates.toTimestamp(date);
        int taxId;
        try {
            taxId = Core.getTaxLookup().get(ctx, product.getAsInt(), 0, day, day, Env.getAD_Org_ID(ctx),
                    Env.getContextAsInt(ctx, Env.M_WAREHOUSE_ID), location.getAsInt(), location.getAsInt(), -1, true, null,
                    IdempiereTx.of(tx).trxName());
        } catch (TaxNotFoundException e) {
            return Optional.empty();
        } catch (AdempiereException e) {
            throw SubscriptionException.hostFailure("iDempiere's tax lookup failed for product " + productId
                    + " billed to location " + billToLocationId + " on " + date + ": " + e.getLocalizedMessage(), e);
        }
        if (taxId <= 0) {
            return Optional.empty();
        }
        MTax tax = MTax.get(ctx, taxId);
        return tax == null ? Optional.empty() : Optional.of(new TaxRate(taxId, tax.getName(), tax.getRate()));
    }
}
