package org.idempiere.subscription.api.host;

/**
 * Where a contact lives, across tenants: found by its e-mail address before anyone is signed in.
 *
 * @param tenant     the contact's tenant (its client and organization; the contact as the user)
 * @param customerId its customer ({@code C_BPartner_ID})
 * @param contactId  the contact ({@code AD_User_ID})
 */
public record ContactRef(Tenant tenant, long customerId, long contactId) {
}
