package org.idempiere.subscription.core.internal.lifecycle;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.InputLimits;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Catalog;
import org.idempiere.subscription.api.host.Product;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.LineDraft;

/** Checks of caller input that several services share; each names the field and the value. */
final class Validate {
    private Validate() {
    }

    /** A text of at most {@code max} characters; blank counts as missing. */
    static void text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw SubscriptionException.required(field);
            }
            return;
        }
        if (value.length() > max) {
            throw SubscriptionException.invalid(field, value, "is longer than " + max + " characters");
        }
    }

    /**
     * The numbers of subscription or template lines, named {@code lines[i].quantity} and so on. They need
     * no lookup, so a malformed line is refused before any reference is looked up.
     */
    static void lineNumbers(List<LineDraft> lines) {
        for (int i = 0; i < lines.size(); i++) {
            LineDraft d = lines.get(i);
            if (d == null) {
                throw SubscriptionException.required("lines[" + i + "]");
            }
            lineNumbers(i, d.quantity(), d.unitPrice(), d.discountPercent());
        }
    }

    /** The numbers of line {@code index}: quantity, fixed unit price (if any) and discount. */
    static void lineNumbers(int index, BigDecimal quantity, Optional<BigDecimal> unitPrice, BigDecimal discountPercent) {
        String f = "lines[" + index + "].";
        InputLimits.quantity(f + "quantity", quantity);
        InputLimits.percent(f + "discountPercent", discountPercent);
        unitPrice.ifPresent(p -> InputLimits.price(f + "unitPrice", p));
    }

    /**
     * How many product units one unit of {@code uomId} holds for line {@code index}'s product (1 in
     * its own unit); a unit without a conversion is refused naming {@code lines[index].uomId}.
     */
    static java.math.BigDecimal lineUomRate(Catalog catalog, Tx tx, int index, Product product, long uomId) {
        return catalog.unitsPerUom(tx, product.id(), uomId).orElseThrow(() -> SubscriptionException.invalid(
                "lines[" + index + "].uomId", uomId, "has no conversion from the unit of measure of product " + product.id()
                        + " (" + product.uomId() + ")"));
    }

    /** The product of line {@code index}; an unknown one is refused naming {@code lines[index].productId}. */
    static Product lineProduct(Catalog catalog, Tx tx, int index, long productId) {
        return catalog.product(tx, productId)
                .orElseThrow(() -> SubscriptionException.unknown("lines[" + index + "].productId", productId));
    }
}
