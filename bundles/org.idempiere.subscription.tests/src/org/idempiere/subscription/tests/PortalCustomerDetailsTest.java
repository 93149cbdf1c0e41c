package org.idempiere.subscription.tests;

import static org.idempiere.subscription.tests.Sandbox.rows;
import static org.idempiere.subscription.tests.Sandbox.service;
import static org.idempiere.subscription.tests.Sandbox.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.Recurrence;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Address;
import org.idempiere.subscription.api.host.AddressUpdate;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.ContactUpdate;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.service.BillingScope;
import org.idempiere.subscription.api.service.BillingService;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionDraft;
import org.idempiere.subscription.api.service.SubscriptionService;
import org.idempiere.subscription.api.service.TemplateDraft;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.host.MasterData;
import org.junit.jupiter.api.Test;

/**
 * The Customers port as the customer portal uses it, on the reference host: a contact's name,
 * e-mail and phone and the customer's billing address written to the host's records, every
 * invalid value refused naming its field with the row unchanged, and a new country taxing the
 * next invoice.
 */
class PortalCustomerDetailsTest {

    private static Customers customers() {
        return service(Customers.class);
    }

    private static HostContext host() {
        return service(HostContext.class);
    }

    private static MasterData.CustomerRow newCustomer(String country) {
        return service(MasterData.class).createCustomer(unique("Customer"), Optional.of("office@customer.example"), country,
                Optional.empty(), Optional.empty());
    }

    private static String contactRow(long contactId) {
        return rows("SELECT name, email, phone FROM sbx_user WHERE ad_user_id = ?", contactId).get(0);
    }

    private static String locationRow(long locationId) {
        return rows("SELECT address1, address2, postal, city, region, country_code FROM sbx_location"
                + " WHERE c_bpartner_location_id = ?", locationId).get(0);
    }

    private static Contact updateContact(long customer, long contact, Supplier<ContactUpdate> update) {
        return host().inTransaction(tx -> customers().updateContact(tx, customer, contact, update.get()));
    }

    private static Address updateAddress(long customer, Supplier<AddressUpdate> update) {
        return host().inTransaction(tx -> customers().updateBillingAddress(tx, customer, update.get()));
    }

    @Test
    void updateContact_writesNameEmailAndPhone_andEmptyValuesRemoveThem() {
        MasterData.CustomerRow c = newCustomer("SK");
        Contact updated = updateContact(c.id(), c.contactUserId(), () -> new ContactUpdate(" Anna Nováková ",
                Optional.of("anna@tatrasoft.example"), Optional.of("+421 905 123 456")));
        assertEquals(new Contact(c.contactUserId(), c.id(), "Anna Nováková", Optional.of("anna@tatrasoft.example"),
                Optional.of("+421 905 123 456"), "en_US"), updated);
        assertEquals(Optional.of(updated), host().inTransaction(tx -> customers().contact(tx, c.id(), c.contactUserId())));
        assertEquals("Anna Nováková|anna@tatrasoft.example|+421 905 123 456", contactRow(c.contactUserId()));

        updateContact(c.id(), c.contactUserId(), () -> new ContactUpdate("Anna", Optional.empty(), Optional.of(" ")));
        assertEquals("Anna|null|null", contactRow(c.contactUserId()));
    }

    @Test
    void updateContact_everyInvalidValue_refusedNamingItsField_rowUnchanged() {
        MasterData.CustomerRow c = newCustomer("CZ");
        String before = contactRow(c.contactUserId());
        Object[][] cases = {
            {"name", (Supplier<ContactUpdate>) () -> new ContactUpdate(" ", Optional.empty(), Optional.empty())},
            {"name", (Supplier<ContactUpdate>) () -> new ContactUpdate("n".repeat(61), Optional.empty(), Optional.empty())},
            {"email", (Supplier<ContactUpdate>) () -> new ContactUpdate("Jan", Optional.of("jan(at)example.cz"), Optional.empty())},
            {"email", (Supplier<ContactUpdate>) () -> new ContactUpdate("Jan", Optional.of("j".repeat(50) + "@example.cz"),
                    Optional.empty())},
            {"phone", (Supplier<ContactUpdate>) () -> new ContactUpdate("Jan", Optional.empty(), Optional.of("+420 call me"))},
            {"phone", (Supplier<ContactUpdate>) () -> new ContactUpdate("Jan", Optional.empty(), Optional.of("1".repeat(41)))},
        };
        for (Object[] k : cases) {
            @SuppressWarnings("unchecked")
            Supplier<ContactUpdate> update = (Supplier<ContactUpdate>) k[1];
            SubscriptionException e = assertThrows(SubscriptionException.class, () -> updateContact(c.id(), c.contactUserId(), update));
            assertEquals(k[0], e.field().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().startsWith(k[0] + " "), e.getMessage());
            assertEquals(before, contactRow(c.contactUserId()));
        }
    }

    @Test
    void updateContact_anotherCustomersContact_orAnUnknownCustomer_isUnknown_rowUnchanged() {
        MasterData.CustomerRow a = newCustomer("SK");
        MasterData.CustomerRow b = newCustomer("SK");
        String before = contactRow(b.contactUserId());
        Supplier<ContactUpdate> update = () -> new ContactUpdate("Mallory", Optional.empty(), Optional.empty());
        SubscriptionException e = assertThrows(SubscriptionException.class, () -> updateContact(a.id(), b.contactUserId(), update));
        assertEquals(ErrorCode.UNKNOWN_REFERENCE, e.code());
        assertEquals("contactId", e.field().orElseThrow());
        SubscriptionException unknown = assertThrows(SubscriptionException.class,
                () -> updateContact(999_999_999L, b.contactUserId(), update));
        assertEquals("customerId", unknown.field().orElseThrow());
        assertEquals(before, contactRow(b.contactUserId()));
    }

    @Test
    void billingAddress_isChangedInPlace_andTheCustomersCountryFollows() {
        MasterData.CustomerRow c = newCustomer("SK");
        assertEquals(Optional.of(new Address(c.billToLocationId(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "SK")), host().inTransaction(tx -> customers().billingAddress(tx, c.id())));
        Address moved = updateAddress(c.id(), () -> new AddressUpdate("Václavské náměstí 1", Optional.of("3. patro"),
                Optional.of("110 00"), "Praha", Optional.of("Praha"), "cz"));
        assertEquals(new Address(c.billToLocationId(), Optional.of("Václavské náměstí 1"), Optional.of("3. patro"),
                Optional.of("110 00"), Optional.of("Praha"), Optional.of("Praha"), "CZ"), moved);
        assertEquals(Optional.of(moved), host().inTransaction(tx -> customers().billingAddress(tx, c.id())));
        assertEquals("CZ", host().inTransaction(tx -> customers().find(tx, c.id())).orElseThrow().countryCode());
        assertEquals(c.billToLocationId(), host().inTransaction(tx -> customers().find(tx, c.id())).orElseThrow().billToLocationId());
        assertEquals(Optional.empty(), host().inTransaction(tx -> customers().billingAddress(tx, 999_999_999L)));
    }

    @Test
    void updateBillingAddress_everyInvalidValue_refusedNamingItsField_rowUnchanged() {
        MasterData.CustomerRow c = newCustomer("AT");
        updateAddress(c.id(), () -> new AddressUpdate("Ring 1", Optional.empty(), Optional.of("1010"), "Wien", Optional.empty(), "AT"));
        String before = locationRow(c.billToLocationId());
        Object[][] cases = {
            {"address1", (Supplier<AddressUpdate>) () -> new AddressUpdate(" ", Optional.empty(), Optional.empty(), "Wien",
                    Optional.empty(), "AT")},
            {"address1", (Supplier<AddressUpdate>) () -> new AddressUpdate("a".repeat(61), Optional.empty(), Optional.empty(),
                    "Wien", Optional.empty(), "AT")},
            {"address2", (Supplier<AddressUpdate>) () -> new AddressUpdate("Ring 2", Optional.of("b".repeat(61)),
                    Optional.empty(), "Wien", Optional.empty(), "AT")},
            {"postal", (Supplier<AddressUpdate>) () -> new AddressUpdate("Ring 2", Optional.empty(), Optional.of("10_10"),
                    "Wien", Optional.empty(), "AT")},
            {"city", (Supplier<AddressUpdate>) () -> new AddressUpdate("Ring 2", Optional.empty(), Optional.empty(), null,
                    Optional.empty(), "AT")},
            {"region", (Supplier<AddressUpdate>) () -> new AddressUpdate("Ring 2", Optional.empty(), Optional.empty(), "Wien",
                    Optional.of("r".repeat(41)), "AT")},
            {"countryCode", (Supplier<AddressUpdate>) () -> new AddressUpdate("Ring 2", Optional.empty(), Optional.empty(),
                    "Wien", Optional.empty(), "XX")},
            {"countryCode", (Supplier<AddressUpdate>) () -> new AddressUpdate("Ring 2", Optional.empty(), Optional.empty(),
                    "Wien", Optional.empty(), "")},
        };
        for (Object[] k : cases) {
            @SuppressWarnings("unchecked")
            Supplier<AddressUpdate> update = (Supplier<AddressUpdate>) k[1];
            SubscriptionException e = assertThrows(SubscriptionException.class, () -> updateAddress(c.id(), update));
            assertEquals(k[0], e.field().orElseThrow(), e.getMessage());
            assertEquals(before, locationRow(c.billToLocationId()));
        }
        SubscriptionException unknown = assertThrows(SubscriptionException.class, () -> updateAddress(999_999_999L,
                () -> new AddressUpdate("Ring 2", Optional.empty(), Optional.empty(), "Wien", Optional.empty(), "AT")));
        assertEquals(ErrorCode.UNKNOWN_REFERENCE, unknown.code());
        assertEquals("customerId", unknown.field().orElseThrow());
    }

    /** Another tenant's customer is unknown here: its contact and address are neither read nor written. */
    @Test
    void anotherTenantsCustomer_isUnknownHere() {
        MasterData.CustomerRow other = host().actingFor(TenantIsolationTest.OTHER, () -> newCustomer("AT"));
        String contact = contactRow(other.contactUserId());
        String location = locationRow(other.billToLocationId());
        assertEquals(Optional.empty(), host().inTransaction(tx -> customers().billingAddress(tx, other.id())));
        assertEquals("customerId", assertThrows(SubscriptionException.class, () -> updateContact(other.id(),
                other.contactUserId(), () -> new ContactUpdate("Mallory", Optional.empty(), Optional.empty())))
                .field().orElseThrow());
        assertEquals("customerId", assertThrows(SubscriptionException.class, () -> updateAddress(other.id(),
                () -> new AddressUpdate("Ring 1", Optional.empty(), Optional.empty(), "Wien", Optional.empty(), "AT")))
                .field().orElseThrow());
        assertEquals(contact, contactRow(other.contactUserId()));
        assertEquals(location, locationRow(other.billToLocationId()));
        assertEquals(Optional.of("Wien"), host().actingFor(TenantIsolationTest.OTHER, () -> updateAddress(other.id(),
                () -> new AddressUpdate("Ring 1", Optional.empty(), Optional.empty(), "Wien", Optional.empty(), "AT"))).city());
    }

    /*
     * A Slovak customer (VAT 23 %) subscribes monthly in advance to 1 x 10.00 on the 1st of month M
     * and moves to Czechia (VAT 21 %) during M: M's invoice keeps 23 %, M+1's is taxed 21 %.
     */
    @Test
    void aNewCountry_taxesTheNextInvoice_byThatCountry() {
        LocalDate m = LocalDate.now(host().clock()).withDayOfMonth(1).plusMonths(1);
        ChangesTest.clockTo(m);
        long product = service(MasterData.class).createProduct(unique("Product"), "STANDARD", new BigDecimal("10.00"), "EUR",
                Optional.of(LocalDate.of(2000, 1, 1))).id();
        long plan = service(TemplateService.class).create(new TemplateDraft(unique("Plan"), Optional.empty(), Recurrence.monthly(),
                BillingTiming.IN_ADVANCE)).id();
        MasterData.CustomerRow c = newCustomer("SK");
        Subscription s = service(SubscriptionService.class).create(new SubscriptionDraft(plan, c.id(), "EUR", m,
                Optional.empty(), List.of(new LineDraft(product, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO))));
        BillingService billing = service(BillingService.class);
        billing.run(m, new BillingScope(Optional.of(plan), Optional.empty()));
        updateAddress(c.id(), () -> new AddressUpdate("Na Příkopě 1", Optional.empty(), Optional.of("110 00"), "Praha",
                Optional.empty(), "CZ"));
        billing.run(m.plusMonths(1), new BillingScope(Optional.of(plan), Optional.empty()));

        List<InvoiceView> invoices = billing.invoicesOf(s.id());
        assertEquals(2, invoices.size());
        assertEquals(List.of("23", "21"), invoices.stream().map(i -> i.lines().get(0).taxRatePercent().stripTrailingZeros()
                .toPlainString()).toList());
        assertEquals(List.of("12.30", "12.10"), invoices.stream().map(i -> i.grandTotal().toPlainString()).toList());
        assertEquals(List.of(String.valueOf(c.billToLocationId()), String.valueOf(c.billToLocationId())),
                rows("SELECT c_bpartner_location_id FROM sbx_invoice WHERE c_bpartner_id = ? ORDER BY c_invoice_id", c.id()),
                "both invoices name the same location, changed in place");
    }

    /** The demo customers have addresses, for the portal to show. */
    @Test
    void demoCustomers_haveBillingAddresses() {
        service(org.idempiere.subscription.sandbox.internal.host.DemoData.class); // loaded when its component is
        MasterData.CustomerRow tatra = service(MasterData.class).customers().stream()
                .filter(r -> r.name().equals("Tatra Soft s.r.o.")).findFirst().orElseThrow();
        Address a = host().inTransaction(tx -> customers().billingAddress(tx, tatra.id())).orElseThrow();
        assertEquals(Optional.of("Bratislava"), a.city());
        assertEquals("SK", a.countryCode());
    }
}
