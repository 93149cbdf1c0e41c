package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.adempiere.base.Core;
import org.adempiere.base.IProductPricing;
import org.compiere.model.MProduct;
import org.compiere.model.MUOMConversion;
import org.compiere.util.DB;
import org.compiere.util.Env;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * Products and prices over iDempiere: {@code MProduct} of the tenant, the tenant's sales price
 * lists, and the standard price ({@code PriceStd}) that iDempiere's pricing engine
 * ({@code Core.getProductPricing()}, which applies price list versions and discount schemas)
 * gives for the date.
 */
@Component(service = Catalog.class)
public final class IdempiereCatalog implements Catalog {
    /**
     * The tenant's active sales price lists in a currency, the one marked default first (iDempiere
     * allows one default sales price list per tenant, so other currencies have none marked).
     */
    private static final String SALES_PRICE_LIST = "SELECT M_PriceList_ID FROM M_PriceList"
            + " WHERE AD_Client_ID=? AND C_Currency_ID=? AND IsSOPriceList='Y' AND IsActive='Y'"
            + " ORDER BY IsDefault DESC, M_PriceList_ID";
    private static final String SALES_PRICE_LIST_CURRENCY = "SELECT C_Currency_ID FROM M_PriceList"
            + " WHERE M_PriceList_ID=? AND AD_Client_ID=? AND IsSOPriceList='Y' AND IsActive='Y'";
    private static final String PRICE_LIST_OF_TENANT = "SELECT COUNT(*) FROM M_PriceList"
            + " WHERE M_PriceList_ID=? AND AD_Client_ID=?";

    @Override
    public Optional<Product> product(Tx tx, long productId) {
        OptionalInt id = Ids.lookup(productId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Properties ctx = Env.getCtx();
        MProduct product = MProduct.get(ctx, id.getAsInt(), IdempiereTx.of(tx).trxName());
        if (product == null || !product.isActive() || product.getAD_Client_ID() != Env.getAD_Client_ID(ctx)) {
            return Optional.empty();
        }
        return Optional.of(new Product(id.getAsInt(), product.getName(), product.getC_UOM_ID()));
    }

    @Override
    public Optional<Long> defaultPriceList(Tx tx, long currencyId) {
        OptionalInt currency = Ids.lookup(currencyId);
        if (currency.isEmpty()) {
            return Optional.empty();
        }
        int id = DB.getSQLValueEx(IdempiereTx.of(tx).trxName(), SALES_PRICE_LIST,
                Env.getAD_Client_ID(Env.getCtx()), currency.getAsInt());
        return id > 0 ? Optional.of((long) id) : Optional.empty();
    }

    /**
     * The product's own unit: 1. Another unit: the divide rate of iDempiere's conversion from the
     * product's unit to it ({@code MUOMConversion.getProductRateFrom}: product-specific first, then
     * the generic one), i.e. how many product units one unit of {@code uomId} holds.
     */
    @Override
    public Optional<BigDecimal> unitsPerUom(Tx tx, long productId, long uomId) {
        Optional<Product> product = product(tx, productId);
        if (product.isEmpty()) {
            return Optional.empty();
        }
        if (product.get().uomId() == uomId) {
            return Optional.of(BigDecimal.ONE);
        }
        OptionalInt uom = Ids.lookup(uomId);
        if (uom.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal rate = MUOMConversion.getProductRateFrom(Env.getCtx(), (int) productId, uom.getAsInt());
        return rate == null || rate.signum() <= 0 ? Optional.empty() : Optional.of(rate);
    }

    @Override
    public Optional<Long> priceListCurrency(Tx tx, long priceListId) {
        OptionalInt priceList = Ids.lookup(priceListId);
        if (priceList.isEmpty()) {
            return Optional.empty();
        }
        int currency = DB.getSQLValueEx(IdempiereTx.of(tx).trxName(), SALES_PRICE_LIST_CURRENCY, priceList.getAsInt(),
                Env.getAD_Client_ID(Env.getCtx()));
        return currency > 0 ? Optional.of((long) currency) : Optional.empty();
    }

    @Override
    public Optional<BigDecimal> price(Tx tx, long priceListId, long productId, LocalDate date) {
        OptionalInt priceList = Ids.lookup(priceListId);
        OptionalInt product = Ids.lookup(productId);
        if (priceList.isEmpty() || product.isEmpty()) {
            return Optional.empty();
        }
        String trxName = IdempiereTx.of(tx).trxName();
        if (DB.getSQLValueEx(trxName, PRICE_LIST_OF_TENANT, priceList.getAsInt(), Env.getAD_Client_ID(Env.getCtx())) <= 0) {
            return Optional.empty();
        }
        IProductPricing pricing = Core.getProductPricing();
        pricing.setInitialValues(product.getAsInt(), 0, BigDecimal.ONE, true, trxName);
        pricing.setM_PriceList_ID(priceList.getAsInt());
        pricing.setPriceDate(Dates.toTimestamp(date));
        if (!pricing.calculatePrice() || !pricing.isCalculated()) {
            return Optional.empty();
        }
        return Optional.ofNullable(pricing.getPriceStd());
    }
}
