package org.idempiere.subscription.api.service;

import java.util.Optional;

/** A reason from the tenant's list of why subscriptions are closed ({@code SUB_CloseReason}). */
public record CloseReason(long id, String name, Optional<String> description) {
}
