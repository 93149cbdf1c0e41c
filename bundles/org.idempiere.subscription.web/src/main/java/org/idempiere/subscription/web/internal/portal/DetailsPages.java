package org.idempiere.subscription.web.internal.portal;

import java.io.IOException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Address;
import org.idempiere.subscription.api.host.AddressUpdate;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.ContactUpdate;
import org.idempiere.subscription.api.service.CustomerPortalService;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.web.internal.ServiceLookup;

/**
 * The customer's details: the contact the link was sent to (name, e-mail, phone) and the billing
 * address, each a form written to the host's own records. What is refused is shown beside its
 * field with what was entered kept, nothing written. Thread-safe.
 */
final class DetailsPages {
    static final Set<String> CONTACT_FIELDS = Set.of("name", "email", "phone");
    static final Set<String> ADDRESS_FIELDS = Set.of("address1", "address2", "postal", "city", "region", "countryCode");

    private final ServiceLookup services;

    DetailsPages(ServiceLookup services) {
        this.services = services;
    }

    private CustomerPortalService portal() {
        return PortalPages.portal(services);
    }

    void show(PortalExchange ex) throws IOException {
        ex.render(200, "details", model(ex, storedContact(ex), storedAddress(ex), Map.of(), Map.of()));
    }

    private Map<String, String> storedContact(PortalExchange ex) {
        Optional<Contact> c = portal().contact(ex.requireSession());
        return c.map(x -> Map.of("name", x.name(), "email", x.email().orElse(""), "phone", x.phone().orElse("")))
                .orElse(Map.of());
    }

    private Map<String, String> storedAddress(PortalExchange ex) {
        Optional<Address> a = portal().billingAddress(ex.requireSession());
        return a.map(x -> Map.of("address1", x.address1().orElse(""), "address2", x.address2().orElse(""),
                "postal", x.postal().orElse(""), "city", x.city().orElse(""), "region", x.region().orElse(""),
                "countryCode", x.countryCode())).orElse(Map.of());
    }

    void saveContact(PortalExchange ex) throws IOException {
        FormInput f = ex.form();
        Map<String, String> entered = entered(f, CONTACT_FIELDS);
        try {
            ContactUpdate update = new ContactUpdate(entered.get("name"), Optional.of(entered.get("email")),
                    Optional.of(entered.get("phone")));
            portal().updateContact(ex.requireSession(), update);
        } catch (SubscriptionException e) {
            refused(ex, e, CONTACT_FIELDS, entered, storedAddress(ex), true);
            return;
        }
        ex.redirect("/details?done=contact-saved");
    }

    void saveAddress(PortalExchange ex) throws IOException {
        FormInput f = ex.form();
        Map<String, String> entered = entered(f, ADDRESS_FIELDS);
        try {
            AddressUpdate update = new AddressUpdate(entered.get("address1"), Optional.of(entered.get("address2")),
                    Optional.of(entered.get("postal")), entered.get("city"), Optional.of(entered.get("region")),
                    entered.get("countryCode"));
            portal().updateBillingAddress(ex.requireSession(), update);
        } catch (SubscriptionException e) {
            refused(ex, e, ADDRESS_FIELDS, entered, storedContact(ex), false);
            return;
        }
        ex.redirect("/details?done=address-saved");
    }

    /** The form's fields as entered (each at most a form field's length), blank for those not sent. */
    private static Map<String, String> entered(FormInput f, Set<String> fields) {
        Map<String, String> out = new HashMap<>();
        for (String name : fields) {
            out.put(name, f.text(name, FormInput.MAX_FIELD).orElse(""));
        }
        return out;
    }

    /**
     * The page again with the refused field marked and what was entered kept (400); a refusal that
     * names no field of the form is shown above it as the engine's refusal.
     */
    private void refused(PortalExchange ex, SubscriptionException e, Set<String> fields, Map<String, String> entered,
            Map<String, String> other, boolean contactForm) throws IOException {
        String field = e.field().orElse("");
        if (!fields.contains(field)) {
            Map<String, Object> model = contactForm ? model(ex, entered, other, Map.of(), Map.of())
                    : model(ex, other, entered, Map.of(), Map.of());
            PortalPages.refuse(ex, e, "details", model);
            return;
        }
        String key = "details.error." + (e.code() == ErrorCode.REQUIRED ? "required" : field);
        Map<String, String> errors = Map.of(field, ex.text(key, ex.text("field." + field)));
        ex.render(400, "details", contactForm ? model(ex, entered, other, errors, Map.of())
                : model(ex, other, entered, Map.of(), errors));
    }

    private Map<String, Object> model(PortalExchange ex, Map<String, String> contact, Map<String, String> address,
            Map<String, String> contactErrors, Map<String, String> addressErrors) {
        PortalSession s = ex.requireSession();
        Map<String, Object> m = new HashMap<>();
        m.put("section", "details");
        m.put("customerName", s.customerName()); // read with the session, not again
        m.put("hasContact", s.contactId().isPresent());
        m.put("contact", contact);
        m.put("address", address);
        m.put("contactErrors", contactErrors);
        m.put("addressErrors", addressErrors);
        m.put("countries", countries(ex.language(), address.getOrDefault("countryCode", "")));
        return m;
    }

    /** Every country by its name in the visitor's language, the chosen one marked. */
    static List<Map<String, Object>> countries(PortalLanguage language, String chosen) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] c : COUNTRIES.get(language)) {
            out.add(Map.of("code", c[0], "name", c[1], "selected", c[0].equalsIgnoreCase(chosen)));
        }
        return out;
    }

    /**
     * Per language, every country's code and name, in the language's alphabetical order: sorted
     * once, as sorting with the language's collator on every page cost more than the rest of it.
     */
    private static final Map<PortalLanguage, List<String[]>> COUNTRIES = sortedCountries();

    private static Map<PortalLanguage, List<String[]>> sortedCountries() {
        Map<PortalLanguage, List<String[]>> out = new EnumMap<>(PortalLanguage.class);
        for (PortalLanguage language : PortalLanguage.values()) {
            Collator order = Collator.getInstance(language.locale());
            List<String[]> countries = new ArrayList<>();
            for (String code : Locale.getISOCountries()) {
                countries.add(new String[] {code, new Locale("", code).getDisplayCountry(language.locale())});
            }
            countries.sort(Comparator.comparing(c -> c[1], order));
            out.put(language, List.copyOf(countries));
        }
        return out;
    }
}
