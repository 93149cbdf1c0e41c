-- Purpose: what the gateway captured and refunded for an invoice, kept on the invoice as each
--          capture or refund is recorded (as credited is for the engine's credit), so that a capture
--          locks the invoice and reads what is open of it in one statement, and the open amounts of a
--          batch of invoices are read without summing the ledger. The gateway's ledger
--          (sbx_gateway_charge) stays the record of every capture and refund; existing invoices get
--          their sums from it here.
-- Impact:  sandbox databases only; iDempiere never sees these tables.
ALTER TABLE sbx_invoice ADD COLUMN captured NUMERIC NOT NULL DEFAULT 0 CHECK (captured >= 0);
ALTER TABLE sbx_invoice ADD COLUMN refunded NUMERIC NOT NULL DEFAULT 0 CHECK (refunded >= 0);
UPDATE sbx_invoice i SET captured = g.captured, refunded = g.refunded
  FROM (SELECT c_invoice_id,
               COALESCE(SUM(amount) FILTER (WHERE charge_type = 'CAPTURE'), 0) AS captured,
               COALESCE(SUM(amount) FILTER (WHERE charge_type = 'REFUND'), 0) AS refunded
          FROM sbx_gateway_charge WHERE outcome = 'SUCCEEDED' GROUP BY c_invoice_id) g
 WHERE g.c_invoice_id = i.c_invoice_id;
