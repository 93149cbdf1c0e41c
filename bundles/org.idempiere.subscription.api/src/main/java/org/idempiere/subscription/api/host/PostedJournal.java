package org.idempiere.subscription.api.host;

/**
 * A journal the host booked and completed.
 *
 * @param id         {@code GL_Journal_ID}
 * @param documentNo its document number
 */
public record PostedJournal(long id, String documentNo) {
}
