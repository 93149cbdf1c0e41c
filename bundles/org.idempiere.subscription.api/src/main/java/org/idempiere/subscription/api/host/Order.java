package org.idempiere.subscription.api.host;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A completed sales order or binding quotation of the host ({@code C_Order}), as quote-to-contract
 * reads it.
 *
 * @param id               {@code C_Order_ID}
 * @param contactUserId    the customer's contact ({@code AD_User_ID}), if any
 * @param salesRepId       the sales representative ({@code SalesRep_ID}), if any
 * @param datePromised     when the contract starts: the promised date, else the order date
 */
public record Order(long id, String documentNo, long customerId, long billToLocationId, Optional<Long> contactUserId,
        long priceListId, long currencyId, Optional<Long> salesRepId, LocalDate datePromised, List<Line> lines) {

    public Order {
        lines = List.copyOf(lines);
    }

    /**
     * One order line.
     *
     * @param priceEntered    the unit price before discount
     * @param discountPercent the line discount
     * @param subscriptionTemplateId the plan of a recurring product; empty for a one-off product
     */
    public record Line(long id, int line, long productId, BigDecimal quantity, long uomId, BigDecimal priceEntered,
            BigDecimal discountPercent, Optional<Long> subscriptionTemplateId) {
    }
}
