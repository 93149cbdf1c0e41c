package org.idempiere.subscription.api.service;

import java.util.Optional;
import org.idempiere.subscription.api.BillingTiming;
import org.idempiere.subscription.api.Recurrence;

/** A stored template (plan): {@code SUB_Template}. */
public record Template(long id, String name, Optional<String> description, Recurrence recurrence, BillingTiming billing) {
}
