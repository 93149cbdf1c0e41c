-- Purpose: the customer portal shows and edits a contact's phone number, as AD_User.Phone in iDempiere.
-- Impact:  sandbox databases only; existing contacts have none.
ALTER TABLE sbx_user ADD COLUMN phone VARCHAR(40);
CREATE INDEX sbx_user_email ON sbx_user (lower(email));
