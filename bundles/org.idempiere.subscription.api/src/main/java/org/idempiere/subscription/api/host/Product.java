package org.idempiere.subscription.api.host;

/**
 * A product as the engine needs it.
 *
 * @param id    {@code M_Product_ID}
 * @param uomId the product's stocking unit {@code C_UOM_ID}
 */
public record Product(long id, String name, long uomId) {
}
