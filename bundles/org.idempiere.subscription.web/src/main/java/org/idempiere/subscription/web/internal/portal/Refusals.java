package org.idempiere.subscription.web.internal.portal;

import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.ErrorCode;
import org.idempiere.subscription.api.SubscriptionException;

/**
 * What the portal tells a customer when the engine refuses what they asked (a change their plan
 * does not allow, a close of a plan that is not closable, the removal of the last method of an
 * automatic subscription ...): a text of its own in the visitor's language, chosen by the field
 * the engine names and the kind of refusal, instead of the engine's English message. Nothing was
 * changed when the engine refused. Stateless.
 */
final class Refusals {
    /** A refusal to show on the page the customer came from: the HTTP status and the text's key. */
    record Refusal(int status, String messageKey) {
    }

    /** Field (its last part: {@code lines[0].quantity} is {@code quantity}) to text, per kind of refusal. */
    private static final Map<String, String> INVALID = Map.ofEntries(
            Map.entry("templateId", "refusal.plan"),
            Map.entry("productId", "refusal.option"),
            Map.entry("lineId", "refusal.line"),
            Map.entry("lines", "refusal.lastLine"),
            Map.entry("quantity", "refusal.quantity"),
            Map.entry("closeReasonId", "refusal.reason"),
            Map.entry("closeReason", "refusal.comment"),
            Map.entry("methodId", "refusal.method"),
            Map.entry("effectiveDate", "refusal.date"),
            Map.entry("token", "refusal.token"));
    private static final Map<String, String> CONFLICT = Map.ofEntries(
            Map.entry("customerPermission", "refusal.permission"),
            Map.entry("closable", "refusal.closable"),
            Map.entry("templateId", "refusal.pending"),
            Map.entry("effectiveDate", "refusal.pending"),
            Map.entry("changes", "refusal.pending"),
            Map.entry("lines", "refusal.lastLine"),
            Map.entry("lineId", "refusal.line"),
            Map.entry("methodId", "refusal.lastMethod"),
            Map.entry("invoiceId", "refusal.nothingOpen"),
            Map.entry("orderId", "refusal.notAcceptable"),
            Map.entry("contactId", "refusal.noContact"),
            Map.entry("status", "refusal.status"));

    private Refusals() {
    }

    /**
     * @return the refusal to show for an engine error the customer can act on (invalid input: 400,
     *         a conflict with the record's state: 409); empty for any other error (not found,
     *         internal), which the servlet shows as its error page
     */
    static Optional<Refusal> of(SubscriptionException e) {
        String field = e.field().map(Refusals::leaf).orElse("");
        if (e.code().kind() == ErrorCode.Kind.INVALID) {
            return Optional.of(new Refusal(400, INVALID.getOrDefault(field, "refusal.invalid")));
        }
        if (e.code().kind() == ErrorCode.Kind.CONFLICT) {
            return Optional.of(new Refusal(409, CONFLICT.getOrDefault(field, "refusal.conflict")));
        }
        return Optional.empty();
    }

    /** @return every text key a refusal may name (a test keeps them in the texts) */
    static java.util.Set<String> keys() {
        java.util.Set<String> all = new java.util.TreeSet<>(INVALID.values());
        all.addAll(CONFLICT.values());
        all.add("refusal.invalid");
        all.add("refusal.conflict");
        return all;
    }

    private static String leaf(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }
}
