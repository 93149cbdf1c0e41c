-- The reference host's mail drop: every message the sandbox "sends" is kept here (GET /sandbox/mails).
CREATE TABLE sbx_mail (
  sbx_mail_id      NUMERIC(10) PRIMARY KEY,
  ad_client_id     NUMERIC(10) NOT NULL,
  mail_to          VARCHAR(254) NOT NULL,
  subject          VARCHAR(255) NOT NULL,
  body             TEXT NOT NULL,
  attachment_name  VARCHAR(255),
  attachment_type  VARCHAR(100),
  attachment       BYTEA,
  sent_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sbx_mail_to ON sbx_mail (ad_client_id, mail_to);
