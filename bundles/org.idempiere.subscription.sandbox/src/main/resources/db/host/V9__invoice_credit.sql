-- What of an invoice the engine settled with the customer's credit (Payments.settleWithCredit): its open amount is less by it.
ALTER TABLE sbx_invoice ADD COLUMN credited NUMERIC NOT NULL DEFAULT 0 CHECK (credited >= 0);
