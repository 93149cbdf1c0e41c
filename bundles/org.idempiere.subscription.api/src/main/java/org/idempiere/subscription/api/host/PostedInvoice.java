package org.idempiere.subscription.api.host;

import java.math.BigDecimal;

/** The host's answer to {@link Invoicing#post}: the completed invoice. */
public record PostedInvoice(long id, String documentNo, BigDecimal grandTotal) {
}
