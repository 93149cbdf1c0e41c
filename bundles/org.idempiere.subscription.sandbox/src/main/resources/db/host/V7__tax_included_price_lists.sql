-- Purpose: price lists whose prices include tax (iDempiere's M_PriceList.IsTaxIncluded), and the
--          invoice's organization, contact and sales representative as the engine sends them.
--          An invoice keeps the flag of its price list (C_Invoice.IsTaxIncluded): its lines are
--          then gross, its tax is taken out of them and its grand total is its total of lines.
-- Impact:  sandbox databases only; existing price lists and invoices stay tax-excluded ('N').

ALTER TABLE sbx_pricelist
  ADD COLUMN is_tax_included CHAR(1) NOT NULL DEFAULT 'N' CHECK (is_tax_included IN ('Y', 'N'));

ALTER TABLE sbx_invoice
  ADD COLUMN is_tax_included CHAR(1) NOT NULL DEFAULT 'N' CHECK (is_tax_included IN ('Y', 'N')),
  ADD COLUMN ad_org_id       NUMERIC(10),
  ADD COLUMN ad_user_id      NUMERIC(10),
  ADD COLUMN salesrep_id     NUMERIC(10);
