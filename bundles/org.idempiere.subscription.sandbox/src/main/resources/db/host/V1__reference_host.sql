-- Purpose: the reference host's own records, standing in for the ERP in the sandbox: customers
--          with a bill-to location, currencies, products, price lists with dated prices, tax rates
--          by country/region/category with validity, invoices with lines and tax lines, the test
--          clock. Column names follow the iDempiere records they stand for (C_BPartner_ID ...).
-- Impact:  sandbox databases only; iDempiere never sees these tables.

CREATE SEQUENCE sbx_id_sq START 1000000;
CREATE SEQUENCE sbx_invoice_no_sq START 100001;

CREATE TABLE sbx_currency (
  c_currency_id NUMERIC(10) PRIMARY KEY,
  iso_code      CHAR(3) NOT NULL UNIQUE,
  std_precision INTEGER NOT NULL
);
INSERT INTO sbx_currency (c_currency_id, iso_code, std_precision) VALUES
  (100, 'USD', 2), (102, 'EUR', 2), (114, 'CZK', 2), (305, 'PLN', 2), (318, 'CHF', 2), (113, 'GBP', 2);

CREATE TABLE sbx_tenant (
  ad_client_id  NUMERIC(10) PRIMARY KEY,
  name          VARCHAR(60) NOT NULL,
  c_currency_id NUMERIC(10) NOT NULL REFERENCES sbx_currency
);
INSERT INTO sbx_tenant (ad_client_id, name, c_currency_id) VALUES (1000000, 'Sandbox', 102);

CREATE TABLE sbx_customer (
  c_bpartner_id NUMERIC(10) PRIMARY KEY,
  ad_client_id  NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  name          VARCHAR(120) NOT NULL,
  email         VARCHAR(254),
  ad_language   VARCHAR(6) NOT NULL DEFAULT 'en_US',
  created       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sbx_location (
  c_bpartner_location_id NUMERIC(10) PRIMARY KEY,
  c_bpartner_id          NUMERIC(10) NOT NULL REFERENCES sbx_customer,
  ad_client_id           NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  country_code           CHAR(2) NOT NULL,
  region                 VARCHAR(10),
  is_bill_to             CHAR(1) NOT NULL DEFAULT 'Y' CHECK (is_bill_to IN ('Y', 'N'))
);
CREATE INDEX sbx_location_bpartner ON sbx_location (c_bpartner_id);

CREATE TABLE sbx_product (
  m_product_id NUMERIC(10) PRIMARY KEY,
  ad_client_id NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  name         VARCHAR(120) NOT NULL,
  tax_category VARCHAR(40) NOT NULL,
  c_uom_id     NUMERIC(10) NOT NULL DEFAULT 100,
  created      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sbx_pricelist (
  m_pricelist_id NUMERIC(10) PRIMARY KEY,
  ad_client_id   NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  name           VARCHAR(60) NOT NULL,
  c_currency_id  NUMERIC(10) NOT NULL REFERENCES sbx_currency,
  is_default     CHAR(1) NOT NULL DEFAULT 'N' CHECK (is_default IN ('Y', 'N'))
);
CREATE UNIQUE INDEX sbx_pricelist_default ON sbx_pricelist (ad_client_id, c_currency_id) WHERE is_default = 'Y';

CREATE TABLE sbx_productprice (
  m_pricelist_id NUMERIC(10) NOT NULL REFERENCES sbx_pricelist,
  m_product_id   NUMERIC(10) NOT NULL REFERENCES sbx_product,
  valid_from     DATE NOT NULL,
  price          NUMERIC NOT NULL CHECK (price >= 0),
  PRIMARY KEY (m_pricelist_id, m_product_id, valid_from)
);

CREATE TABLE sbx_taxrate (
  c_tax_id     NUMERIC(10) PRIMARY KEY,
  ad_client_id NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  name         VARCHAR(60) NOT NULL,
  country_code CHAR(2) NOT NULL,
  region       VARCHAR(10),
  tax_category VARCHAR(40) NOT NULL,
  rate         NUMERIC NOT NULL CHECK (rate >= 0 AND rate < 100),
  valid_from   DATE NOT NULL
);
CREATE UNIQUE INDEX sbx_taxrate_key ON sbx_taxrate (ad_client_id, country_code, COALESCE(region, ''), tax_category, valid_from);

CREATE TABLE sbx_invoice (
  c_invoice_id           NUMERIC(10) PRIMARY KEY,
  ad_client_id           NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  document_no            VARCHAR(30) NOT NULL,
  doc_status             CHAR(2) NOT NULL DEFAULT 'CO',
  c_bpartner_id          NUMERIC(10) NOT NULL REFERENCES sbx_customer,
  c_bpartner_location_id NUMERIC(10) NOT NULL REFERENCES sbx_location,
  c_currency_id          NUMERIC(10) NOT NULL REFERENCES sbx_currency,
  m_pricelist_id         NUMERIC(10) NOT NULL REFERENCES sbx_pricelist,
  date_invoiced          DATE NOT NULL,
  description            VARCHAR(255),
  total_lines            NUMERIC NOT NULL,
  total_tax              NUMERIC NOT NULL,
  grand_total            NUMERIC NOT NULL,
  created                TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (ad_client_id, document_no)
);

CREATE TABLE sbx_invoiceline (
  c_invoiceline_id NUMERIC(10) PRIMARY KEY,
  c_invoice_id     NUMERIC(10) NOT NULL REFERENCES sbx_invoice,
  line             INTEGER NOT NULL,
  m_product_id     NUMERIC(10) NOT NULL REFERENCES sbx_product,
  qty              NUMERIC NOT NULL,
  c_uom_id         NUMERIC(10) NOT NULL,
  price_actual     NUMERIC NOT NULL,
  line_net         NUMERIC NOT NULL,
  c_tax_id         NUMERIC(10) NOT NULL REFERENCES sbx_taxrate,
  tax_rate         NUMERIC NOT NULL,
  period_start     DATE,
  period_end       DATE,
  description      VARCHAR(255)
);
CREATE INDEX sbx_invoiceline_invoice ON sbx_invoiceline (c_invoice_id);

CREATE TABLE sbx_invoicetax (
  c_invoice_id NUMERIC(10) NOT NULL REFERENCES sbx_invoice,
  c_tax_id     NUMERIC(10) NOT NULL REFERENCES sbx_taxrate,
  rate         NUMERIC NOT NULL,
  taxable_amt  NUMERIC NOT NULL,
  tax_amt      NUMERIC NOT NULL,
  PRIMARY KEY (c_invoice_id, c_tax_id)
);

-- The test clock: NULL means the system clock; a value freezes "now" there until moved.
CREATE TABLE sbx_clock (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  frozen_at TIMESTAMPTZ
);
INSERT INTO sbx_clock (id, frozen_at) VALUES (1, NULL);

CREATE TABLE sbx_setting (
  name  VARCHAR(60) PRIMARY KEY,
  value VARCHAR(255) NOT NULL
);
