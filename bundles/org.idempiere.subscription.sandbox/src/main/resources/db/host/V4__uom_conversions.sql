-- Units of measure a product can be sold in besides its own: one unit of c_uom_id holds
-- product_units units of the product's own unit (e.g. a pack of ten: 10). As iDempiere's
-- product-specific C_UOM_Conversion, read the other way round.
CREATE TABLE sbx_uom_conversion (
  m_product_id  NUMERIC(10) NOT NULL REFERENCES sbx_product,
  c_uom_id      NUMERIC(10) NOT NULL,
  product_units NUMERIC NOT NULL CHECK (product_units > 0),
  PRIMARY KEY (m_product_id, c_uom_id)
);
