package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Products and prices of the host ({@code MProduct}, {@code MPriceList}, {@code IProductPricing}). */
@org.osgi.annotation.versioning.ProviderType
public interface Catalog {

    /** @return the active product of the current tenant with that id */
    Optional<Product> product(Tx tx, long productId);

    /**
     * The active products of the current tenant with those ids, at once (a page naming many); an
     * id without such a product is absent from the answer, as {@link #product} answers empty for
     * it. The default asks {@link #product} per id; a host that can answer in one query overrides it.
     */
    default Map<Long, Product> products(Tx tx, Collection<Long> productIds) {
        return ManyAtOnce.each(productIds, id -> product(tx, id));
    }

    /** @return the default sales price list in that currency, if the tenant has one */
    Optional<Long> defaultPriceList(Tx tx, long currencyId);

    /**
     * @return the currency ({@code C_Currency_ID}) of the current tenant's active sales price list
     *         with that id; empty when the tenant has no such price list
     */
    Optional<Long> priceListCurrency(Tx tx, long priceListId);

    /**
     * @return how many units of the product's unit of measure one {@code uomId} holds for this
     *         product (e.g. 10 for a pack of ten); 1 for the product's own unit; empty when the
     *         host knows no conversion
     */
    Optional<BigDecimal> unitsPerUom(Tx tx, long productId, long uomId);

    /** @return the unit price of the product on the price list version valid at {@code date} */
    Optional<BigDecimal> price(Tx tx, long priceListId, long productId, LocalDate date);

    /**
     * The prices of many (price list, product, date) keys at once, for a billing run. A key
     * without a price is absent from the answer. The default asks {@link #price} per key; a host
     * that can answer in one query overrides it.
     */
    default Map<PriceKey, BigDecimal> prices(Tx tx, Collection<PriceKey> keys) {
        return ManyAtOnce.eachKey(keys, k -> price(tx, k.priceListId(), k.productId(), k.date()));
    }

    /** What a price is looked up by. */
    record PriceKey(long priceListId, long productId, LocalDate date) {
    }
}
