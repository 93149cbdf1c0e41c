package org.idempiere.subscription.web.internal.portal;

/**
 * What every page is made with: the templates, the texts, and the version of the style sheet (a
 * digest of its content, so browsers may keep it for a year and still fetch a changed one).
 */
record PortalView(Templates templates, Messages messages, String cssVersion) {
}
