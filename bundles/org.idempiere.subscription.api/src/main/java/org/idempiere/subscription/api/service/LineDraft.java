package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One line of a new subscription.
 *
 * @param quantity        above zero
 * @param unitPrice       a fixed unit price; empty to take the price list's price at each billing
 * @param discountPercent 0 to 100
 * @param setupFee        billed once, on the first invoice, and not part of MRR
 * @param uomId           the unit of measure {@code quantity} and {@code unitPrice} are in, if not the
 *                        product's; the host must know a conversion for the product
 */
public record LineDraft(long productId, BigDecimal quantity, Optional<BigDecimal> unitPrice, BigDecimal discountPercent,
        boolean setupFee, Optional<Long> uomId) {

    public LineDraft {
        uomId = uomId == null ? Optional.empty() : uomId;
    }

    /** A line in the product's unit of measure. */
    public LineDraft(long productId, BigDecimal quantity, Optional<BigDecimal> unitPrice, BigDecimal discountPercent,
            boolean setupFee) {
        this(productId, quantity, unitPrice, discountPercent, setupFee, Optional.empty());
    }

    /** A recurring line. */
    public LineDraft(long productId, BigDecimal quantity, Optional<BigDecimal> unitPrice, BigDecimal discountPercent) {
        this(productId, quantity, unitPrice, discountPercent, false);
    }
}
