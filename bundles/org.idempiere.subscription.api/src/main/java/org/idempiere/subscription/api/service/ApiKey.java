package org.idempiere.subscription.api.service;

import java.time.Instant;
import java.util.Optional;

/**
 * A key of the JSON API, as its tenant's administrator sees it: never the secret. Immutable.
 *
 * @param id         {@code SUB_ApiKey_ID}
 * @param name       what it is for
 * @param prefix     the first characters of the secret, to tell keys apart; empty before one was generated
 * @param createdAt  when the record was created
 * @param validTo    when it stops opening the API, if it expires
 * @param lastUsedAt when it last opened the API (to the minute)
 * @param active     whether it opens the API (a deactivated key is revoked)
 */
public record ApiKey(long id, String name, Optional<String> prefix, Instant createdAt, Optional<Instant> validTo,
        Optional<Instant> lastUsedAt, boolean active) {
}
