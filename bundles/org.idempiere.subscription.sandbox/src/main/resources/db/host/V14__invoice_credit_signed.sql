-- Credit invoices settle invoices (Payments.settleWithCredit naming the credit invoices): what was allocated of a credit invoice
-- is recorded on it too, so `credited` has the sign of the invoice's total (an invoice settled: positive; a credit invoice used:
-- negative), and the open amount of both is still grand_total - captured + refunded - credited.
ALTER TABLE sbx_invoice DROP CONSTRAINT sbx_invoice_credited_check;
ALTER TABLE sbx_invoice ADD CONSTRAINT sbx_invoice_credited_sign CHECK (credited = 0 OR SIGN(credited) = SIGN(grand_total));
