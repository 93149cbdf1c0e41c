-- Purpose: the customer portal shows and edits a customer's billing address (iDempiere: the
--          C_Location of the bill-to C_BPartner_Location: Address1, Address2, Postal, City,
--          RegionName with iDempiere 12's lengths), and lists a customer's orders and quotations,
--          which the customer may accept online. An order records its kind as iDempiere's
--          C_DocType.DocSubTypeSO does (SO standard order, OB binding quotation) and a quotation
--          the last day it may be accepted (valid_until; iDempiere 12 has no such column).
-- Impact:  sandbox databases only. Existing locations have no street, postal code or city until
--          they are edited; existing orders are standard orders without a validity.

ALTER TABLE sbx_location
  ADD COLUMN address1 VARCHAR(60),
  ADD COLUMN address2 VARCHAR(60),
  ADD COLUMN postal   VARCHAR(10),
  ADD COLUMN city     VARCHAR(60),
  ALTER COLUMN region TYPE VARCHAR(40);

ALTER TABLE sbx_order
  ADD COLUMN doc_subtype_so VARCHAR(2) NOT NULL DEFAULT 'SO' CHECK (doc_subtype_so IN ('SO', 'OB')),
  ADD COLUMN valid_until    DATE,
  ADD CONSTRAINT sbx_order_validity CHECK (valid_until IS NULL OR (doc_subtype_so = 'OB' AND valid_until >= date_ordered));

-- The portal lists a customer's documents newest first.
CREATE INDEX sbx_order_customer ON sbx_order (ad_client_id, c_bpartner_id, date_ordered DESC, c_order_id DESC);
