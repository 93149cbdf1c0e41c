-- Purpose: quote to contract in the sandbox. Users (a customer's contact, sales representatives),
--          products marked as recurring with their plan (as M_Product.IsSubscriptionProduct and
--          M_Product.SUB_Template_ID in iDempiere), and sales orders / binding quotations.
-- Impact:  sandbox databases only. Existing products stay one-off products.

CREATE TABLE sbx_user (
  ad_user_id    NUMERIC(10) PRIMARY KEY,
  ad_client_id  NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  c_bpartner_id NUMERIC(10) REFERENCES sbx_customer,
  name          VARCHAR(120) NOT NULL,
  email         VARCHAR(254),
  is_salesrep   CHAR(1) NOT NULL DEFAULT 'N' CHECK (is_salesrep IN ('Y', 'N'))
);
CREATE INDEX sbx_user_bpartner ON sbx_user (c_bpartner_id);

-- Every existing customer gets its contact, named after it.
INSERT INTO sbx_user (ad_user_id, ad_client_id, c_bpartner_id, name, email)
  SELECT nextval('sbx_id_sq'), ad_client_id, c_bpartner_id, name, email FROM sbx_customer;

ALTER TABLE sbx_product
  ADD COLUMN is_subscription CHAR(1) NOT NULL DEFAULT 'N' CHECK (is_subscription IN ('Y', 'N')),
  ADD COLUMN sub_template_id NUMERIC(10),
  ADD CONSTRAINT sbx_product_plan CHECK ((is_subscription = 'Y') = (sub_template_id IS NOT NULL));

CREATE TABLE sbx_order (
  c_order_id             NUMERIC(10) PRIMARY KEY,
  ad_client_id           NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  document_no            VARCHAR(30) NOT NULL,
  doc_status             CHAR(2) NOT NULL DEFAULT 'DR' CHECK (doc_status IN ('DR', 'CO', 'VO')),
  c_bpartner_id          NUMERIC(10) NOT NULL REFERENCES sbx_customer,
  c_bpartner_location_id NUMERIC(10) NOT NULL REFERENCES sbx_location,
  ad_user_id             NUMERIC(10) REFERENCES sbx_user,
  salesrep_id            NUMERIC(10) REFERENCES sbx_user,
  m_pricelist_id         NUMERIC(10) NOT NULL REFERENCES sbx_pricelist,
  c_currency_id          NUMERIC(10) NOT NULL REFERENCES sbx_currency,
  date_ordered           DATE NOT NULL,
  date_promised          DATE NOT NULL,
  created                TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (ad_client_id, document_no)
);
CREATE SEQUENCE sbx_order_no_sq START 50001;

CREATE TABLE sbx_orderline (
  c_orderline_id NUMERIC(10) PRIMARY KEY,
  c_order_id     NUMERIC(10) NOT NULL REFERENCES sbx_order,
  line           INTEGER NOT NULL,
  m_product_id   NUMERIC(10) NOT NULL REFERENCES sbx_product,
  qty            NUMERIC NOT NULL CHECK (qty > 0),
  c_uom_id       NUMERIC(10) NOT NULL,
  price_entered  NUMERIC NOT NULL CHECK (price_entered >= 0),
  discount       NUMERIC NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount <= 100)
);
CREATE INDEX sbx_orderline_order ON sbx_orderline (c_order_id);
