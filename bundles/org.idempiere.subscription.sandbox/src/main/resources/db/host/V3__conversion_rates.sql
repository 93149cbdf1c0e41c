-- Purpose: currency conversion rates of the reference host (as C_Conversion_Rate in iDempiere):
--          a rate from one currency to another, valid from a date until the next one.
-- Impact:  sandbox databases only.

CREATE TABLE sbx_conversion_rate (
  c_conversion_rate_id NUMERIC(10) PRIMARY KEY,
  ad_client_id         NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  c_currency_id        NUMERIC(10) NOT NULL REFERENCES sbx_currency,
  c_currency_id_to     NUMERIC(10) NOT NULL REFERENCES sbx_currency,
  valid_from           DATE NOT NULL,
  multiply_rate        NUMERIC NOT NULL CHECK (multiply_rate > 0),
  UNIQUE (ad_client_id, c_currency_id, c_currency_id_to, valid_from),
  CHECK (c_currency_id <> c_currency_id_to)
);
