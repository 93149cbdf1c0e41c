-- Purpose: the reference gateway's hosted card page. A setup is what the gateway records when the
--          portal sends a customer to enter a card on the gateway's own page (Payments.hostedTokenization):
--          for which tenant and customer, where to return and with which state, until when, how many
--          entries were refused, and the token it produced once done (after which it is used up).
--          Its id travels in the page's address, so only its SHA-256 is kept (as the portal's tokens).
-- Impact:  sandbox databases only; iDempiere never sees this table.
CREATE TABLE sbx_gateway_setup (
  setup_hash    CHAR(64) PRIMARY KEY,
  ad_client_id  NUMERIC(10) NOT NULL REFERENCES sbx_tenant,
  ad_org_id     NUMERIC(10) NOT NULL,
  ad_user_id    NUMERIC(10) NOT NULL,
  c_bpartner_id NUMERIC(10) NOT NULL REFERENCES sbx_customer,
  return_url    VARCHAR(2000) NOT NULL,
  state         VARCHAR(200) NOT NULL,
  language      CHAR(2) NOT NULL,
  expires_at    TIMESTAMPTZ NOT NULL,
  refused       INTEGER NOT NULL DEFAULT 0 CHECK (refused >= 0),
  token         VARCHAR(64) REFERENCES sbx_gateway_token,
  created       TIMESTAMPTZ NOT NULL
);
CREATE INDEX sbx_gateway_setup_expires ON sbx_gateway_setup (expires_at);
