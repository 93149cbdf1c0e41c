package org.idempiere.subscription.api.service;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** One change to a subscription's lines: add a line, update one, or remove one. */
public sealed interface LineChange {

    /** Adds a line (a setup-fee line is billed once, with the change). */
    record Add(LineDraft line) implements LineChange {
        public Add {
            Objects.requireNonNull(line, "line");
        }
    }

    /**
     * Changes a line's quantity, fixed unit price or discount; empty fields keep their value.
     *
     * @param lineId the subscription line ({@code SUB_SubscriptionLine_ID})
     */
    record Update(long lineId, Optional<BigDecimal> quantity, Optional<BigDecimal> unitPrice,
            Optional<BigDecimal> discountPercent) implements LineChange {
        public Update {
            quantity = Objects.requireNonNullElse(quantity, Optional.empty());
            unitPrice = Objects.requireNonNullElse(unitPrice, Optional.empty());
            discountPercent = Objects.requireNonNullElse(discountPercent, Optional.empty());
        }
    }

    /** Removes a line. */
    record Remove(long lineId) implements LineChange {
    }
}
