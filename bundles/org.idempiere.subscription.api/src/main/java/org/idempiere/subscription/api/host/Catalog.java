package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** Products and prices of the host ({@code MProduct}, {@code MPriceList}, {@code IProductPricing}). */
@org.osgi.annotation.versioning.ProviderType
public interface Catalog {

    /** @return the active product of the current tenant with that id */
    Optional<Product> product(Tx tx, long productId);

    /** @return the default sales price list in that currency, if the tenant has one */
    Optional<Long> defaultPriceList(Tx tx, long currencyId);

    /** @return the unit price of the product on the price list version valid at {@code date} */
    Optional<BigDecimal> price(Tx tx, long priceListId, long productId, LocalDate date);
}
