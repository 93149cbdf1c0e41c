package org.idempiere.subscription.api.host;

import java.util.Optional;

/**
 * New details of a customer's contact, as the customer enters them in the portal: the whole
 * contact, not a patch — an empty e-mail address or phone number removes the one recorded. The
 * limits are iDempiere 12's column lengths ({@code AD_User.Name} and {@code EMail} 60,
 * {@code Phone} 40), which both hosts apply so that a contact valid in one is valid in the other.
 * Immutable; a value that exists has passed every check.
 *
 * @param name  the contact's name: required, at most {@value #NAME_LENGTH} characters, surrounding
 *              blanks stripped
 * @param email its e-mail address (at most {@value #EMAIL_LENGTH} characters, such as
 *              {@code anna.novak@example.sk}); empty or blank: none
 * @param phone its phone number (at most {@value #PHONE_LENGTH} characters: digits, spaces and
 *              {@code + ( ) - /}, with at least one digit); empty or blank: none
 */
public record ContactUpdate(String name, Optional<String> email, Optional<String> phone) {
    /** Longest name ({@code AD_User.Name}). */
    public static final int NAME_LENGTH = 60;
    /** Longest e-mail address ({@code AD_User.EMail}). */
    public static final int EMAIL_LENGTH = 60;
    /** Longest phone number ({@code AD_User.Phone}). */
    public static final int PHONE_LENGTH = 40;

    /**
     * @throws org.idempiere.subscription.api.SubscriptionException REQUIRED naming {@code name};
     *         INVALID_VALUE naming {@code name}, {@code email} or {@code phone} and the value
     */
    public ContactUpdate {
        name = Fields.required("name", name, NAME_LENGTH);
        email = Fields.email("email", email, EMAIL_LENGTH);
        phone = Fields.phone("phone", phone, PHONE_LENGTH);
    }
}
