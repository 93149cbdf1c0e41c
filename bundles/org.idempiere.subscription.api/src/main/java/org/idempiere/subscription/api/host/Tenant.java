package org.idempiere.subscription.api.host;

/**
 * Who the engine acts for: the host's tenant ({@code AD_Client_ID}), organization
 * ({@code AD_Org_ID}) and acting user ({@code AD_User_ID}). Every query is filtered by the client.
 */
public record Tenant(long clientId, long orgId, long userId) {
}
