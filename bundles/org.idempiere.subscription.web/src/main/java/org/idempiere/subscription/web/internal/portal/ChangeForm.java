package org.idempiere.subscription.web.internal.portal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.PortalSubscription;
import org.idempiere.subscription.api.service.SubscriptionLine;

/**
 * One change a customer asks for on a subscription's page, as its forms send it: the preview
 * ({@code GET .../change?...}) and the confirmation ({@code POST .../change}) carry the same
 * fields, so what is confirmed is exactly what was previewed.
 * <ul>
 * <li>{@code kind=add-option&product=<id>}: add one of the plan's options (quantity 1);</li>
 * <li>{@code kind=remove-option&line=<id>}: remove an option's line;</li>
 * <li>{@code kind=quantity&line=<id>&quantity=<n>}: set a line's quantity;</li>
 * <li>{@code kind=plan&plan=<id>}: move to another plan (its lines replace the current ones).</li>
 * </ul>
 * Only the shape is checked here; what the plan allows is the engine's to decide. Immutable.
 *
 * @param target the product, line or plan the change is about
 */
record ChangeForm(String kind, long target, Optional<BigDecimal> quantity) {
    static final String ADD = "add-option";
    static final String REMOVE = "remove-option";
    static final String QUANTITY = "quantity";
    static final String PLAN = "plan";
    private static final Set<String> KINDS = Set.of(ADD, REMOVE, QUANTITY, PLAN);

    /** Reads the fields of a preview's query or a confirmation's form. */
    static ChangeForm read(FormInput f) {
        String kind = f.choice("kind", KINDS);
        return switch (kind) {
            case ADD -> new ChangeForm(kind, f.id("product"), Optional.empty());
            case REMOVE -> new ChangeForm(kind, f.id("line"), Optional.empty());
            case QUANTITY -> new ChangeForm(kind, f.id("line"), Optional.of(f.quantity("quantity")));
            default -> new ChangeForm(kind, f.id("plan"), Optional.empty());
        };
    }

    /** @return the engine's change: effective as the plan's change timing says */
    ChangeDraft draft() {
        return switch (kind) {
            case ADD -> lines(new LineChange.Add(new LineDraft(target, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO)));
            case REMOVE -> lines(new LineChange.Remove(target));
            case QUANTITY -> lines(new LineChange.Update(target, quantity, Optional.empty(), Optional.empty()));
            default -> new ChangeDraft(Optional.empty(), Optional.of(target), List.of());
        };
    }

    private static ChangeDraft lines(LineChange change) {
        return new ChangeDraft(Optional.empty(), Optional.empty(), List.of(change));
    }

    /** @return the fields the confirmation form repeats, as sent (a quantity as a plain number) */
    Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        switch (kind) {
            case ADD -> out.put("product", String.valueOf(target));
            case PLAN -> out.put("plan", String.valueOf(target));
            default -> out.put("line", String.valueOf(target));
        }
        quantity.ifPresent(q -> out.put("quantity", q.stripTrailingZeros().toPlainString()));
        return out;
    }

    /**
     * @return what the change does, in the visitor's words ({@code Add the option Premium
     *         Support}); a line or plan the subscription does not show is named by its number
     */
    String describe(PortalSubscription s, PortalExchange ex) {
        PortalFormat fmt = ex.format();
        return switch (kind) {
            case ADD -> ex.text("change.describe.add", product(s, target));
            case REMOVE -> ex.text("change.describe.remove", line(s).map(l -> product(s, l.productId())).orElse("#" + target));
            case QUANTITY -> line(s).map(l -> ex.text("change.describe.quantity", product(s, l.productId()),
                    fmt.quantity(l.quantity()), fmt.quantity(quantity.orElseThrow())))
                    .orElseGet(() -> ex.text("change.describe.quantity", "#" + target, "?", fmt.quantity(quantity.orElseThrow())));
            default -> ex.text("change.describe.plan", s.plans().stream().filter(p -> p.templateId() == target)
                    .map(PortalSubscription.PlanChoice::name).findFirst().orElse("#" + target));
        };
    }

    private Optional<SubscriptionLine> line(PortalSubscription s) {
        return s.subscription().lines().stream().filter(l -> l.id() == target).findFirst();
    }

    private static String product(PortalSubscription s, long productId) {
        return s.products().getOrDefault(productId, "#" + productId);
    }
}
