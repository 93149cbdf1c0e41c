package org.idempiere.subscription.plugin.host;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.compiere.model.MBPartner;
import org.compiere.model.MBPartnerLocation;
import org.compiere.model.MCountry;
import org.compiere.model.MLocation;
import org.compiere.util.Env;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * Customers over {@code MBPartner}: an active business partner of the tenant flagged as customer,
 * with an active bill-to location (its country from {@code C_Location}), the e-mail of a contact
 * ({@code AD_User}) and its language. Which location and contact: {@link CustomerFacts}.
 */
@Component(service = Customers.class)
public final class IdempiereCustomers implements Customers {

    @Override
    public Optional<Customer> find(Tx tx, long customerId) {
        OptionalInt id = Ids.lookup(customerId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        String trxName = IdempiereTx.of(tx).trxName();
        Properties ctx = Env.getCtx();
        MBPartner partner = MBPartner.get(ctx, id.getAsInt(), trxName);   // of the context's tenant only
        if (partner == null || !partner.isActive() || !partner.isCustomer()) {
            return Optional.empty();
        }
        MBPartnerLocation[] locations = partner.getLocations(false);
        OptionalInt billTo = CustomerFacts.billTo(Arrays.stream(locations)
                .map(l -> new CustomerFacts.Location(l.getC_BPartner_Location_ID(), l.isBillTo())).toList());
        if (billTo.isEmpty()) {
            return Optional.empty();
        }
        String countryCode = Arrays.stream(locations).filter(l -> l.getC_BPartner_Location_ID() == billTo.getAsInt())
                .findFirst().map(l -> l.getLocation(false)).map(MLocation::getCountry).map(MCountry::getCountryCode)
                .orElse(null);
        List<CustomerFacts.Contact> contacts = Arrays.stream(partner.getContacts(false))
                .map(u -> new CustomerFacts.Contact(u.getC_BPartner_Location_ID(), u.getEMail())).toList();
        return Optional.of(CustomerFacts.customer(id.getAsInt(), partner.getName(),
                CustomerFacts.email(contacts, billTo.getAsInt()), billTo.getAsInt(), countryCode,
                partner.getAD_Language(), Env.getAD_Language(ctx)));
    }
}
