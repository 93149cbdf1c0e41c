package org.idempiere.subscription.plugin.process;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;

/**
 * The process Send Portal Link without iDempiere: its parameters (the business partner, from the
 * window's context when started by the button of the Subscription window, and optionally one of
 * its contacts), the engine it needs, and the text it reports.
 */
public final class LinkParameters {
    /** The process's search key ({@code AD_Process.Value}). */
    public static final String PROCESS = "SUB_SendPortalLink";
    /** Every parameter the process reads. */
    public static final List<String> NAMES = List.of("C_BPartner_ID", "AD_User_ID");
    /** Why the process cannot run while no engine provides the portal. */
    public static final String NO_PORTAL = "The customer portal is not available: no subscription PortalAccessService is"
            + " registered (is org.idempiere.subscription.core active, in a version with the portal?). Nothing was sent.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private LinkParameters() {
    }

    /**
     * Checks the parameters and e-mails a new portal link.
     *
     * @param values parameter name to value, as the process received them (a null value: given, not set)
     * @param engine the engine's portal access, empty when none is registered
     * @return the link sent (without its token)
     * @throws SubscriptionException naming a parameter that is unknown, missing or refused by the engine
     * @throws IllegalStateException {@link #NO_PORTAL} when there is no engine; nothing is sent
     */
    public static PortalLink send(Map<String, Object> values, Optional<PortalAccessService> engine) {
        ProcessValues.requireKnown(values, PROCESS, NAMES);
        long customer = ProcessValues.id(values, "C_BPartner_ID").orElseThrow(() -> SubscriptionException.required("C_BPartner_ID"));
        Optional<Long> contact = ProcessValues.id(values, "AD_User_ID");
        PortalAccessService portal = engine.orElseThrow(() -> new IllegalStateException(NO_PORTAL));
        try {
            return portal.sendLink(customer, contact);
        } catch (SubscriptionException e) {
            // the engine names its own fields; the user sees the process's parameters
            if (e.field().filter("customerId"::equals).isPresent()) {
                throw SubscriptionException.unknown("C_BPartner_ID", customer);
            }
            if (e.field().filter("contactId"::equals).isPresent()) {
                throw SubscriptionException.invalid("AD_User_ID", contact.orElse(0L), "is not a contact of the business partner");
            }
            throw e;
        }
    }

    /** The revoking process's search key ({@code AD_Process.Value}); it has no parameters. */
    public static final String REVOKE_PROCESS = "SUB_RevokePortalLink";

    /**
     * Revokes the link the Revoke Link button was pressed on, ending its sessions.
     *
     * @param values   the parameters as the process received them: none is known
     * @param recordId the button's record, a {@code SUB_PortalLink_ID}
     * @throws SubscriptionException naming a parameter, or {@code SUB_PortalLink_ID} for no or an unknown link
     * @throws IllegalStateException {@link #NO_PORTAL} when there is no engine
     */
    public static PortalLink revoke(Map<String, Object> values, int recordId, Optional<PortalAccessService> engine) {
        ProcessValues.requireKnown(values, REVOKE_PROCESS, List.of());
        if (recordId <= 0) {
            throw SubscriptionException.required("SUB_PortalLink_ID");
        }
        PortalAccessService portal = engine.orElseThrow(() -> new IllegalStateException(NO_PORTAL));
        try {
            return portal.revokeLink(recordId);
        } catch (SubscriptionException e) {
            if (e.field().filter("linkId"::equals).isPresent()) {
                throw SubscriptionException.unknown("SUB_PortalLink_ID", recordId);
            }
            throw e;
        }
    }

    /** @return the process's result message */
    public static String summary(PortalLink link, ZoneId zone) {
        return "Portal link e-mailed (valid until " + DAY.format(link.expiresAt().atZone(zone)) + "; revoke it in the Portal Link"
                + " window)";
    }
}
