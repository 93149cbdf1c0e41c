package org.idempiere.subscription.core.internal.analytics;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.Segment;

/**
 * A {@link Segment} checked against the host, and where its customers are: a customer's country is its bill-to
 * address's ISO code, its region the breakdown's region key ({@code SK/Bratislavský kraj}, or the country's code for
 * an address without a region), both as the host answers now, asked once per customer and read.
 */
final class Segments {
    /** Longest region name ({@code C_Location.RegionName}). */
    private static final int REGION_LENGTH = 60;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Tx tx;
    private final Customers customers;
    private final Map<Long, String> countries = new HashMap<>();
    private final Map<Long, String> regions = new HashMap<>();

    Segments(Tx tx, Customers customers) {
        this.tx = tx;
        this.customers = customers;
    }

    /** @return the customer's country code, "" when the host has no address for it */
    String country(long customerId) {
        return countries.computeIfAbsent(customerId, id -> customers.find(tx, id).map(Customer::countryCode).orElse(""));
    }

    /** @return the customer's region key, "" when the host has no address for it */
    String region(long customerId) {
        return regions.computeIfAbsent(customerId, id -> customers.billingAddress(tx, id)
                .map(a -> a.region().map(r -> a.countryCode() + "/" + r).orElse(a.countryCode())).orElse(""));
    }

    /** @return a row's label: the country's English name; the region's name with its country's code */
    static String label(boolean region, String key) {
        if (key.isEmpty()) {
            return "";
        }
        int slash = key.indexOf('/');
        if (region && slash > 0) {
            return key.substring(slash + 1) + " (" + key.substring(0, slash) + ")";
        }
        String code = slash > 0 ? key.substring(0, slash) : key;
        String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equals(code) ? code : name;
    }

    /**
     * Checks every filter of the segment: a product the host's catalog has, an ISO 3166 country, a region of one of the
     * tenant's customers (the host keeps no list of regions the engine can ask), a user of the tenant as sales
     * representative; refused with the field and the value otherwise.
     *
     * @return the segment with the country codes in upper case
     */
    Segment check(Segment s, Tenant t, Catalog catalog) throws SQLException {
        s.productId().ifPresent(id -> {
            if (catalog.product(tx, id).isEmpty()) {
                throw SubscriptionException.unknown("productId", id);
            }
        });
        Optional<String> country = s.country().map(c -> countryCode("country", c, c, "is not"));
        Optional<String> region = s.region().map(r -> {
            int slash = r.indexOf('/');
            String code = countryCode("region", slash < 0 ? r : r.substring(0, slash), r, "does not start with");
            if (r.length() > 3 + REGION_LENGTH || (slash >= 0 && r.substring(slash + 1).isBlank())) {
                throw SubscriptionException.invalid("region", r, "must be a country code, or a country code, a slash and a region's"
                        + " name of at most " + REGION_LENGTH + " characters");
            }
            return slash < 0 ? code : code + r.substring(slash);
        });
        if (region.isPresent() && customersOf(t).stream().noneMatch(c -> region(c).equals(region.get()))) {
            throw SubscriptionException.unknown("region", s.region().get());
        }
        s.salesRepId().ifPresent(id -> {
            if (customers.userName(tx, id).isEmpty()) {
                throw SubscriptionException.unknown("salesRepId", id);
            }
        });
        return new Segment(s.productId(), country, region, s.salesRepId());
    }

    /** @return the tenant's customers with a subscription whose place matches the segment's country and region */
    Set<Long> customersIn(Segment s, Tenant t) throws SQLException {
        return customersOf(t).stream().filter(c -> s.country().map(k -> k.equals(country(c))).orElse(true)
                && s.region().map(k -> k.equals(region(c))).orElse(true)).collect(Collectors.toSet());
    }

    private List<Long> customersOf(Tenant t) throws SQLException {
        return Refresher.longs(tx.connection(), "SELECT DISTINCT C_BPartner_ID FROM SUB_Subscription WHERE AD_Client_ID = ?", t.clientId());
    }

    private static String countryCode(String field, String code, String value, String verb) {
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (upper.length() != 2 || !COUNTRIES.contains(upper)) {
            throw SubscriptionException.invalid(field, value, verb + " an ISO 3166-1 alpha-2 country code such as SK");
        }
        return upper;
    }
}
