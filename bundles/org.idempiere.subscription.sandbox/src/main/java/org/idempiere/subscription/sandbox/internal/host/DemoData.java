package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.host.AddressUpdate;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.sandbox.internal.SandboxConfig;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Loads the demo master data on the first start of a database (unless
 * {@code subscriptions.demo.data=false}): customers in Slovakia, Czechia, Germany and Austria,
 * products priced in EUR (and CZK), and each country's VAT rates with their validity, including
 * Slovakia's change from 20 % to 23 % on 1 January 2025. The demo customers get billing addresses
 * (once; also on a database whose demo data is older than addresses), so the customer portal has
 * something to show and edit.
 */
@Component(service = DemoData.class, immediate = true)
public final class DemoData {
    static final String FLAG = "demo_data_loaded";
    static final String ADDRESSES_FLAG = "demo_addresses_loaded";

    /** The demo customers' billing addresses, by customer name. */
    private static final Map<String, AddressUpdate> ADDRESSES = Map.of(
            "Tatra Soft s.r.o.", address("Mlynské nivy 5", "821 09", "Bratislava", "SK"),
            "Vltava Data s.r.o.", address("Na Příkopě 12", "110 00", "Praha 1", "CZ"),
            "Spree Cloud GmbH", address("Friedrichstraße 120", "10117", "Berlin", "DE"),
            "Donau Analytics GmbH", address("Donaufelder Straße 8", "1210", "Wien", "AT"));

    @Activate
    public DemoData(BundleContext context, @Reference HostContext host, @Reference MasterData data,
            @Reference Customers customers) {
        if (!SandboxConfig.of(context).demoData()) {
            return;
        }
        if (!flagged(host, FLAG)) {
            load(data);
            flag(host, FLAG);
        }
        if (!flagged(host, ADDRESSES_FLAG)) {
            addresses(host, data, customers);
            flag(host, ADDRESSES_FLAG);
        }
    }

    private static boolean flagged(HostContext host, String flag) {
        return host.inTransaction(tx -> Rows.first(tx.connection(), "SELECT 1 FROM sbx_setting WHERE name = ?",
                rs -> true, flag)).isPresent();
    }

    private static void flag(HostContext host, String flag) {
        host.inTransaction(tx -> Rows.update(tx.connection(),
                "INSERT INTO sbx_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", flag,
                LocalDate.now(host.clock()).toString()));
    }

    /** Each demo customer still there and still without a street gets its address, as the portal would write it. */
    private static void addresses(HostContext host, MasterData data, Customers customers) {
        for (MasterData.CustomerRow c : data.customers()) {
            AddressUpdate address = ADDRESSES.get(c.name());
            if (address != null && address.countryCode().equals(c.countryCode())) {
                host.inTransaction(tx -> customers.billingAddress(tx, c.id()).filter(a -> a.address1().isEmpty())
                        .map(a -> customers.updateBillingAddress(tx, c.id(), address)));
            }
        }
    }

    private static AddressUpdate address(String street, String postal, String city, String country) {
        return new AddressUpdate(street, Optional.empty(), Optional.of(postal), city, Optional.empty(), country);
    }

    private static void load(MasterData d) {
        rate(d, "SK", "STANDARD", "20", "2011-01-01");
        rate(d, "SK", "STANDARD", "23", "2025-01-01");
        rate(d, "SK", "REDUCED", "5", "2023-01-01");
        rate(d, "CZ", "STANDARD", "21", "2013-01-01");
        rate(d, "CZ", "REDUCED", "12", "2024-01-01");
        rate(d, "DE", "STANDARD", "19", "2007-01-01");
        rate(d, "DE", "REDUCED", "7", "2007-01-01");
        rate(d, "AT", "STANDARD", "20", "1984-01-01");
        rate(d, "AT", "REDUCED", "10", "2016-01-01");

        d.createCustomer("Tatra Soft s.r.o.", Optional.of("billing@tatrasoft.example"), "SK", Optional.empty(),
                Optional.of("sk_SK"));
        d.createCustomer("Vltava Data s.r.o.", Optional.of("ucetni@vltavadata.example"), "CZ", Optional.empty(),
                Optional.of("cs_CZ"));
        d.createCustomer("Spree Cloud GmbH", Optional.of("rechnung@spreecloud.example"), "DE", Optional.empty(),
                Optional.of("de_DE"));
        d.createCustomer("Donau Analytics GmbH", Optional.of("office@donau-analytics.example"), "AT", Optional.empty(),
                Optional.of("de_AT"));

        d.createSalesRep("Sandbox Sales", Optional.of("sales@sandbox.example"));

        long hosting = d.createProduct("Cloud Hosting S", "STANDARD", new BigDecimal("29.00"), "EUR", Optional.empty()).id();
        d.addPrice(hosting, new BigDecimal("720.00"), "CZK", MasterData.ALWAYS);
        d.createProduct("Cloud Hosting M", "STANDARD", new BigDecimal("59.00"), "EUR", Optional.empty());
        d.createProduct("Premium Support", "STANDARD", new BigDecimal("99.00"), "EUR", Optional.empty());
        d.createProduct("E-book Library", "REDUCED", new BigDecimal("9.90"), "EUR", Optional.empty());
        // Last, so that the ids above stay as the documentation shows them.
        d.createConversionRate("EUR", "CZK", LocalDate.parse("2020-01-01"), new BigDecimal("25.0"));
    }

    private static void rate(MasterData d, String country, String category, String rate, String validFrom) {
        d.createTaxRate(Optional.empty(), country, Optional.empty(), category, new BigDecimal(rate), LocalDate.parse(validFrom));
    }
}
