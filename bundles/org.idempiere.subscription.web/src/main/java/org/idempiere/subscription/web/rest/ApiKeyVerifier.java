package org.idempiere.subscription.web.rest;

/**
 * Decides whether a bearer key presented to the API is valid. The host provides it (the
 * sandbox from its configured key; iDempiere from its own credentials). Implementations compare
 * in constant time and keep only a hash of the key.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ApiKeyVerifier {
    /** @return whether {@code presentedKey} grants access to the API */
    boolean verify(String presentedKey);
}
