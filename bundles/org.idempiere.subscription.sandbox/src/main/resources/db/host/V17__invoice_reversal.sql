-- Purpose: an invoice voided in the reference host is reversed as iDempiere reverses a completed
--          invoice (MInvoice.reverseCorrectIt / reverseAccrualIt): a reversal invoice with the
--          lines, taxes and totals negated, dated the reversal's day, completed and marked reversed,
--          linked both ways through reversal_id (iDempiere's C_Invoice.Reversal_ID); the original
--          becomes reversed (doc_status 'RE') and paid.
-- Impact:  sandbox databases only; iDempiere never sees these tables.
ALTER TABLE sbx_invoice ADD COLUMN reversal_id NUMERIC(10) REFERENCES sbx_invoice;
