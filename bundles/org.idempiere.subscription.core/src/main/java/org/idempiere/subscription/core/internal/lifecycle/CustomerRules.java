package org.idempiere.subscription.core.internal.lifecycle;

import java.math.BigDecimal;
import java.util.List;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.SubscriptionLine;

/**
 * What a customer may change on their own, by the template's {@link CustomerTerms}: never prices,
 * discounts or setup fees; options only among the template's; and by permission —
 * <ul>
 * <li>NONE: nothing;</li>
 * <li>ADD_REMOVE_OPTIONS: add an option, remove an option line;</li>
 * <li>UPGRADE_ONLY: add an option, raise a quantity;</li>
 * <li>UPGRADE_DOWNGRADE: add or remove an option, raise or lower a quantity, move to another plan.</li>
 * </ul>
 * The plan's own lines are removed only by the seller (or by a plan change).
 */
final class CustomerRules {
    private CustomerRules() {
    }

    static void check(CustomerTerms terms, List<SubscriptionLine> lines, ChangeDraft draft) {
        CustomerPermission p = terms.permission();
        if (p == CustomerPermission.NONE) {
            throw SubscriptionException.invalidState("customerPermission", p,
                    "does not let customers change their subscription: ask the seller");
        }
        if (draft.templateId().isPresent() && p != CustomerPermission.UPGRADE_DOWNGRADE) {
            throw SubscriptionException.invalid("templateId", draft.templateId().get(),
                    "is another plan: the customer permission " + p + " does not allow changing plans");
        }
        for (int i = 0; i < draft.lines().size(); i++) {
            String f = "lines[" + i + "].";
            LineChange c = draft.lines().get(i);
            if (c instanceof LineChange.Add a) {
                LineDraft d = a.line();
                sellerOnly(f, d.unitPrice().isPresent() ? d.unitPrice().get() : null, d.discountPercent(), d.setupFee());
                if (!terms.options().contains(d.productId())) {
                    throw SubscriptionException.invalid(f + "productId", d.productId(), "is not an option of the plan");
                }
            } else if (c instanceof LineChange.Update u) {
                sellerOnly(f, u.unitPrice().orElse(null), u.discountPercent().orElse(BigDecimal.ZERO), false);
                if (p == CustomerPermission.ADD_REMOVE_OPTIONS) {
                    throw SubscriptionException.invalid(f + "lineId", u.lineId(),
                            "cannot be changed by the customer: the plan lets customers add and remove options only");
                }
                SubscriptionLine l = lines.stream().filter(x -> x.id() == u.lineId()).findFirst().orElse(null);
                if (l != null && p == CustomerPermission.UPGRADE_ONLY && u.quantity().isPresent()
                        && u.quantity().get().compareTo(l.quantity()) < 0) {
                    throw SubscriptionException.invalid(f + "quantity", u.quantity().get(),
                            "is below " + l.quantity().stripTrailingZeros().toPlainString() + ": the plan allows upgrades only");
                }
            } else if (c instanceof LineChange.Remove r) {
                if (p == CustomerPermission.UPGRADE_ONLY) {
                    throw SubscriptionException.invalid(f + "lineId", r.lineId(), "cannot be removed: the plan allows upgrades only");
                }
                SubscriptionLine l = lines.stream().filter(x -> x.id() == r.lineId()).findFirst().orElse(null);
                if (l != null && !terms.options().contains(l.productId())) {
                    throw SubscriptionException.invalid(f + "lineId", r.lineId(),
                            "is not an option: the plan's own lines are changed by the seller");
                }
            }
        }
    }

    private static void sellerOnly(String f, BigDecimal unitPrice, BigDecimal discount, boolean setupFee) {
        if (unitPrice != null) {
            throw SubscriptionException.invalid(f + "unitPrice", unitPrice, "is set by the seller, not by the customer");
        }
        if (discount != null && discount.signum() != 0) {
            throw SubscriptionException.invalid(f + "discountPercent", discount, "is set by the seller, not by the customer");
        }
        if (setupFee) {
            throw SubscriptionException.invalid(f + "setupFee", true, "is set by the seller, not by the customer");
        }
    }
}
