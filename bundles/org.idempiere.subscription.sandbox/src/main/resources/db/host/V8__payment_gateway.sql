-- Purpose: the sandbox's reference payment gateway and the customers' saved payment methods.
--          sbx_gateway_token: what the gateway keeps of a tokenized card or direct-debit mandate,
--          only what a real gateway shows back (kind, brand, last four, expiry, masked IBAN,
--          mandate reference and date, holder) and the published test behaviour the number or
--          IBAN stood for; never a card number, a CVC or a full IBAN, not even hashed. The token
--          itself is random (192 bits).
--          sbx_gateway_charge: the gateway's ledger, one row per idempotency key (unique per
--          tenant): captures and refunds with their outcome, so asking twice never moves money twice.
--          sbx_payment_method: a customer's saved methods (iDempiere's C_BP_BankAccount): the
--          token, the default flag and the active flag (removing deactivates).
-- Impact:  sandbox databases only; iDempiere never sees these tables.

CREATE TABLE sbx_gateway_token (
  token             VARCHAR(64) PRIMARY KEY,
  ad_client_id      NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  kind              VARCHAR(12) NOT NULL CHECK (kind IN ('CARD', 'DIRECT_DEBIT')),
  brand             VARCHAR(20),
  last4             CHAR(4),
  exp_month         INTEGER CHECK (exp_month BETWEEN 1 AND 12),
  exp_year          INTEGER,
  masked_iban       VARCHAR(34),
  mandate_reference VARCHAR(35),
  mandate_date      DATE,
  holder            VARCHAR(120) NOT NULL,
  behaviour         VARCHAR(30) NOT NULL,
  created           TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((kind = 'CARD' AND brand IS NOT NULL AND last4 IS NOT NULL AND exp_month IS NOT NULL AND exp_year IS NOT NULL
          AND masked_iban IS NULL)
      OR (kind = 'DIRECT_DEBIT' AND masked_iban IS NOT NULL AND mandate_reference IS NOT NULL AND mandate_date IS NOT NULL
          AND last4 IS NULL))
);

CREATE TABLE sbx_payment_method (
  c_bp_bankaccount_id NUMERIC(10) PRIMARY KEY,
  ad_client_id        NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  c_bpartner_id       NUMERIC(10) NOT NULL REFERENCES sbx_customer,
  token               VARCHAR(64) NOT NULL REFERENCES sbx_gateway_token,
  is_default          CHAR(1) NOT NULL DEFAULT 'N' CHECK (is_default IN ('Y', 'N')),
  is_active           CHAR(1) NOT NULL DEFAULT 'Y' CHECK (is_active IN ('Y', 'N')),
  created             TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (is_default = 'N' OR is_active = 'Y')
);
CREATE INDEX sbx_payment_method_bpartner ON sbx_payment_method (c_bpartner_id);
CREATE UNIQUE INDEX sbx_payment_method_default ON sbx_payment_method (c_bpartner_id) WHERE is_default = 'Y';

CREATE TABLE sbx_gateway_charge (
  sbx_gateway_charge_id NUMERIC(10) PRIMARY KEY,
  ad_client_id          NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  idempotency_key       VARCHAR(255) NOT NULL,
  charge_type           VARCHAR(8) NOT NULL CHECK (charge_type IN ('CAPTURE', 'REFUND')),
  outcome               VARCHAR(10) NOT NULL CHECK (outcome IN ('SUCCEEDED', 'DECLINED', 'ERRORED')),
  answered              VARCHAR(10) NOT NULL CHECK (answered IN ('SUCCEEDED', 'DECLINED', 'ERRORED', 'UNKNOWN')),
  code                  VARCHAR(40),
  message               VARCHAR(255) NOT NULL,
  reference             VARCHAR(40) NOT NULL UNIQUE,
  token                 VARCHAR(64) NOT NULL REFERENCES sbx_gateway_token,
  c_bp_bankaccount_id   NUMERIC(10) NOT NULL REFERENCES sbx_payment_method,
  c_bpartner_id         NUMERIC(10) NOT NULL REFERENCES sbx_customer,
  c_invoice_id          NUMERIC(10) NOT NULL REFERENCES sbx_invoice,
  refund_of_id          NUMERIC(10) REFERENCES sbx_gateway_charge,
  c_currency_id         NUMERIC(10) NOT NULL REFERENCES sbx_currency,
  amount                NUMERIC NOT NULL CHECK (amount > 0),
  created               TIMESTAMPTZ NOT NULL,
  UNIQUE (ad_client_id, idempotency_key),
  CHECK ((charge_type = 'REFUND') = (refund_of_id IS NOT NULL))
);
CREATE INDEX sbx_gateway_charge_invoice ON sbx_gateway_charge (c_invoice_id);
