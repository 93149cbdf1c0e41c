-- Purpose: a second tenant, as an iDempiere server has several clients: the customer portal looks
--          links up across tenants and acts for the link's tenant; tests prove that nothing of one
--          tenant is seen from another. It starts empty (no customers, products or tax rates).
-- Impact:  sandbox databases only; the sandbox's API and pages act for tenant 1000000 as before.
INSERT INTO sbx_tenant (ad_client_id, name, c_currency_id) VALUES (1000001, 'Sandbox B', 102);
