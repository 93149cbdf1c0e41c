-- Whether an invoice is paid in full (the sandbox has no payments yet: POST /sandbox/invoices/{id}/pay).
ALTER TABLE sbx_invoice ADD COLUMN is_paid CHAR(1) NOT NULL DEFAULT 'N' CHECK (is_paid IN ('Y', 'N'));
