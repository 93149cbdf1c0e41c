package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A stored subscription line: {@code SUB_SubscriptionLine}. A setup-fee line is billed once, with
 * the period its validity starts in, and is not part of MRR.
 *
 * @param validFrom the first day it is billed for; empty: from the subscription's start
 * @param validTo   the last day it is billed for; empty: open. A change ends a line the day
 *                  before it takes effect and starts the new version that day.
 * @param uomRate   units of the product's unit of measure in one {@code uomId} (1 in the product's
 *                  own unit): a list price, which is per product unit, times this rate is the price
 *                  of one line unit. Taken from the host's conversion when the line is created.
 */
public record SubscriptionLine(long id, int line, long productId, BigDecimal quantity, long uomId,
        Optional<BigDecimal> fixedUnitPrice, BigDecimal discountPercent, boolean setupFee,
        Optional<LocalDate> validFrom, Optional<LocalDate> validTo, BigDecimal uomRate) {

    public SubscriptionLine {
        validFrom = validFrom == null ? Optional.empty() : validFrom;
        validTo = validTo == null ? Optional.empty() : validTo;
        uomRate = uomRate == null ? BigDecimal.ONE : uomRate;
    }

    /** A line in the product's unit of measure. */
    public SubscriptionLine(long id, int line, long productId, BigDecimal quantity, long uomId,
            Optional<BigDecimal> fixedUnitPrice, BigDecimal discountPercent, boolean setupFee,
            Optional<LocalDate> validFrom, Optional<LocalDate> validTo) {
        this(id, line, productId, quantity, uomId, fixedUnitPrice, discountPercent, setupFee, validFrom, validTo, BigDecimal.ONE);
    }

    /** A line valid for the whole subscription, in the product's unit of measure. */
    public SubscriptionLine(long id, int line, long productId, BigDecimal quantity, long uomId,
            Optional<BigDecimal> fixedUnitPrice, BigDecimal discountPercent, boolean setupFee) {
        this(id, line, productId, quantity, uomId, fixedUnitPrice, discountPercent, setupFee, Optional.empty(), Optional.empty());
    }

    /** @return whether it is billed for {@code date} */
    public boolean validOn(LocalDate date) {
        return validFrom.map(f -> !date.isBefore(f)).orElse(true) && validTo.map(t -> !date.isAfter(t)).orElse(true);
    }

    /** @return this line with other numbers: for a change, and for pricing with the subscription's discount */
    public SubscriptionLine with(BigDecimal newQuantity, Optional<BigDecimal> newFixedPrice, BigDecimal newDiscount) {
        return new SubscriptionLine(id, line, productId, newQuantity, uomId, newFixedPrice, newDiscount, setupFee, validFrom,
                validTo, uomRate);
    }

    /** A recurring line. */
    public SubscriptionLine(long id, int line, long productId, BigDecimal quantity, long uomId,
            Optional<BigDecimal> fixedUnitPrice, BigDecimal discountPercent) {
        this(id, line, productId, quantity, uomId, fixedUnitPrice, discountPercent, false);
    }
}
