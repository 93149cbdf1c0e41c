package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sales order or quotation of a customer as the customer portal shows it: what was offered or
 * ordered, where the document is in the host's document flow, and its amounts as the host
 * computed them. Immutable.
 *
 * @param id          {@code C_Order_ID}
 * @param documentNo  the host's document number
 * @param kind        quotation or order
 * @param binding     whether the customer's acceptance binds the seller: true for a binding
 *                    quotation (iDempiere's {@code DocSubTypeSO} OB) and for every order; false
 *                    for a proposal (OB's non-binding sibling ON), which the seller confirms and
 *                    the customer therefore cannot {@linkplain Orders#accept accept} online
 * @param status      where the document is in the host's document flow
 * @param dateOrdered the document's date
 * @param validUntil  the last day a quotation may be accepted, when the host records one (the
 *                    sandbox does; iDempiere 12's {@code C_Order} has no such column, so there it
 *                    is always empty and a quotation does not expire)
 * @param currency    ISO 4217 code of the amounts
 * @param grandTotal  the total with tax, as the host computed it
 * @param totalLines  the sum of the lines' net amounts
 * @param lines       the active lines, in line order
 */
public record OrderSummary(long id, String documentNo, Kind kind, boolean binding, Status status, LocalDate dateOrdered,
        Optional<LocalDate> validUntil, String currency, BigDecimal grandTotal, BigDecimal totalLines, List<Line> lines) {

    public OrderSummary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        validUntil = Objects.requireNonNullElse(validUntil, Optional.empty());
        lines = List.copyOf(lines);
    }

    /** What the document is to the customer. */
    public enum Kind {
        /** An offer the customer may accept: iDempiere's quotation (OB) or proposal (ON). */
        QUOTATION,
        /** A sales order: standard, prepay, on credit, warehouse, POS. */
        ORDER
    }

    /** Where the document is in the host's flow, after iDempiere's {@code DocStatus}. */
    public enum Status {
        /** Entered, not processed yet: {@code DR}; also {@code IN} (invalid: a completion that failed a check). */
        DRAFTED,
        /** Prepared or waiting: {@code IP}, {@code AP}, {@code NA}, {@code WP}, {@code WC}. */
        IN_PROGRESS,
        /** Completed ({@code CO}): for a quotation, accepted. */
        COMPLETED,
        /** Closed ({@code CL}): finished, nothing more will be delivered or invoiced. */
        CLOSED,
        /** Voided ({@code VO}): withdrawn. */
        VOIDED,
        /** Reversed ({@code RE}). */
        REVERSED
    }

    /**
     * One line.
     *
     * @param line      the line number
     * @param productId the product ({@code M_Product_ID}); empty for a charge or a comment line
     * @param name      the product's (or charge's) name, empty when the line has neither
     * @param quantity  the quantity, in the line's unit
     * @param price     the unit price the customer pays, line discount applied, in the line's unit
     * @param lineNet   the line's net amount as the host computed it
     * @param planId    the plan ({@code SUB_Template_ID}) of a recurring product; empty for a
     *                  one-off product or a charge
     */
    public record Line(int line, Optional<Long> productId, String name, BigDecimal quantity, BigDecimal price,
            BigDecimal lineNet, Optional<Long> planId) {

        public Line {
            productId = Objects.requireNonNullElse(productId, Optional.empty());
            name = Objects.requireNonNullElse(name, "");
            planId = Objects.requireNonNullElse(planId, Optional.empty());
        }

        /** @return whether the line is for a recurring product: accepting makes it a subscription line */
        public boolean recurring() {
            return planId.isPresent();
        }
    }

    /**
     * Why {@link Orders#accept} refuses this document on {@code today}, as the rest of the
     * sentence "orderId '…' …"; the same rule in every host.
     *
     * @return empty when a customer may accept it: a binding quotation, drafted or in progress,
     *         not past its {@link #validUntil}
     */
    public Optional<String> acceptRefusal(LocalDate today) {
        if (kind != Kind.QUOTATION) {
            return Optional.of("is not a quotation: an order cannot be accepted");
        }
        if (!binding) {
            return Optional.of("is a non-binding proposal: the seller confirms it, it cannot be accepted online");
        }
        if (status != Status.DRAFTED && status != Status.IN_PROGRESS) {
            return Optional.of("is " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " and can no longer be accepted");
        }
        if (validUntil.isPresent() && today.isAfter(validUntil.get())) {
            return Optional.of("expired on " + validUntil.get() + " and can no longer be accepted");
        }
        return Optional.empty();
    }

    /** @return whether a customer may accept it on {@code today} (see {@link #acceptRefusal}) */
    public boolean acceptable(LocalDate today) {
        return acceptRefusal(today).isEmpty();
    }
}
