package org.idempiere.subscription.api.service;

import java.util.Optional;

/**
 * Which subscriptions an analytics figure counts beyond its plan and currency: those with a product, of customers
 * billed to a country or region, or of a sales representative (docs/analytics.md, "Filters by product, country,
 * region and sales representative"). Each filter given narrows the figure further; all empty ({@link #ALL}) counts
 * every subscription. Immutable; the service checks that the product, country, region and sales representative
 * exist and names the field ({@code productId}, {@code country}, {@code region}, {@code salesRepId}) and the value
 * when one does not.
 *
 * @param productId  only subscriptions with a recurring line of this product ({@code M_Product_ID}), each of its
 *                   amounts taking the product's share of the subscription's MRR, as the breakdown by product does
 * @param country    only customers whose bill-to address is in this country (ISO 3166-1 alpha-2)
 * @param region     only customers whose bill-to address is in this region: the key of a row of the breakdown by
 *                   region, the country code, a slash and the region's name ({@code SK/Bratislavský kraj}), or the
 *                   country code alone for addresses without a region
 * @param salesRepId only subscriptions of this sales representative (the host's user, {@code SalesRep_ID})
 */
public record Segment(Optional<Long> productId, Optional<String> country, Optional<String> region, Optional<Long> salesRepId) {
    /** Every subscription. */
    public static final Segment ALL = new Segment(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Null components are read as empty. */
    public Segment {
        productId = productId == null ? Optional.empty() : productId;
        country = country == null ? Optional.empty() : country;
        region = region == null ? Optional.empty() : region;
        salesRepId = salesRepId == null ? Optional.empty() : salesRepId;
    }

    /** @return whether no filter is given */
    public boolean isAll() {
        return productId.isEmpty() && country.isEmpty() && region.isEmpty() && salesRepId.isEmpty();
    }

    /** @return this segment for one product */
    public Segment withProduct(long id) {
        return new Segment(Optional.of(id), country, region, salesRepId);
    }

    /** @return this segment for one country */
    public Segment withCountry(String code) {
        return new Segment(productId, Optional.of(code), region, salesRepId);
    }

    /** @return this segment for one region (a region row's key) */
    public Segment withRegion(String key) {
        return new Segment(productId, country, Optional.of(key), salesRepId);
    }

    /** @return this segment for one sales representative */
    public Segment withSalesRep(long id) {
        return new Segment(productId, country, region, Optional.of(id));
    }
}
