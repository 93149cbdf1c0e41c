package org.idempiere.subscription.api.host;

import java.util.Optional;

/**
 * A contact person of a customer ({@code AD_User} with the customer's {@code C_BPartner_ID}).
 *
 * @param id         {@code AD_User_ID}
 * @param customerId the customer ({@code C_BPartner_ID}) it belongs to
 * @param name       the contact's name
 * @param email      its e-mail address, if recorded
 * @param phone      its phone number, if recorded
 * @param language   the language to write to it in: the customer's, an iDempiere language code
 */
public record Contact(long id, long customerId, String name, Optional<String> email, Optional<String> phone, String language) {
}
