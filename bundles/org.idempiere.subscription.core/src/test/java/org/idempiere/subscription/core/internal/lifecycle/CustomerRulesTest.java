package org.idempiere.subscription.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.CustomerPermission;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.ChangeDraft;
import org.idempiere.subscription.api.service.CustomerTerms;
import org.idempiere.subscription.api.service.LineChange;
import org.idempiere.subscription.api.service.LineDraft;
import org.idempiere.subscription.api.service.SubscriptionLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a customer may change, per permission, as a table. */
class CustomerRulesTest {
    private static final long BASE = 1, OPTION = 2, OTHER = 3;
    private static final List<SubscriptionLine> LINES = List.of(
            new SubscriptionLine(10, 10, BASE, new BigDecimal("5"), 100, Optional.empty(), BigDecimal.ZERO, false),
            new SubscriptionLine(20, 20, OPTION, BigDecimal.ONE, 100, Optional.empty(), BigDecimal.ZERO, false));

    private static LineChange change(String what) {
        return switch (what) {
            case "add option" -> new LineChange.Add(new LineDraft(OPTION, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
            case "add other" -> new LineChange.Add(new LineDraft(OTHER, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO));
            case "add priced" -> new LineChange.Add(new LineDraft(OPTION, BigDecimal.ONE, Optional.of(BigDecimal.ONE), BigDecimal.ZERO));
            case "add discounted" -> new LineChange.Add(new LineDraft(OPTION, BigDecimal.ONE, Optional.empty(), BigDecimal.TEN));
            case "add setup fee" -> new LineChange.Add(new LineDraft(OPTION, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO, true));
            case "remove option" -> new LineChange.Remove(20);
            case "remove base" -> new LineChange.Remove(10);
            case "raise" -> new LineChange.Update(10, Optional.of(new BigDecimal("6")), Optional.empty(), Optional.empty());
            case "lower" -> new LineChange.Update(10, Optional.of(new BigDecimal("4")), Optional.empty(), Optional.empty());
            case "reprice" -> new LineChange.Update(10, Optional.empty(), Optional.of(BigDecimal.ONE), Optional.empty());
            default -> throw new IllegalArgumentException(what);
        };
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
        // permission,        change,          refused field (empty: allowed)
        "NONE,                add option,      customerPermission",
        "ADD_REMOVE_OPTIONS,  add option,      ''",
        "ADD_REMOVE_OPTIONS,  remove option,   ''",
        "ADD_REMOVE_OPTIONS,  add other,       lines[0].productId",
        "ADD_REMOVE_OPTIONS,  remove base,     lines[0].lineId",
        "ADD_REMOVE_OPTIONS,  raise,           lines[0].lineId",
        "UPGRADE_ONLY,        add option,      ''",
        "UPGRADE_ONLY,        raise,           ''",
        "UPGRADE_ONLY,        lower,           lines[0].quantity",
        "UPGRADE_ONLY,        remove option,   lines[0].lineId",
        "UPGRADE_DOWNGRADE,   lower,           ''",
        "UPGRADE_DOWNGRADE,   remove option,   ''",
        "UPGRADE_DOWNGRADE,   remove base,     lines[0].lineId",
        "UPGRADE_DOWNGRADE,   add priced,      lines[0].unitPrice",
        "UPGRADE_DOWNGRADE,   add discounted,  lines[0].discountPercent",
        "UPGRADE_DOWNGRADE,   add setup fee,   lines[0].setupFee",
        "UPGRADE_DOWNGRADE,   reprice,         lines[0].unitPrice",
    })
    void permissions(CustomerPermission permission, String what, String refused) {
        CustomerTerms terms = new CustomerTerms(permission, List.of(OPTION), true);
        ChangeDraft draft = new ChangeDraft(Optional.empty(), Optional.empty(), List.of(change(what)));
        if (refused.isEmpty()) {
            assertDoesNotThrow(() -> CustomerRules.check(terms, LINES, draft));
        } else {
            SubscriptionException e = assertThrows(SubscriptionException.class, () -> CustomerRules.check(terms, LINES, draft));
            assertEquals(Optional.of(refused), e.field(), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}: plan change -> {1}")
    @CsvSource({"ADD_REMOVE_OPTIONS, templateId", "UPGRADE_ONLY, templateId", "UPGRADE_DOWNGRADE, ''"})
    void planChange_onlyWithUpgradeAndDowngrade(CustomerPermission permission, String refused) {
        ChangeDraft draft = new ChangeDraft(Optional.empty(), Optional.of(99L), List.of());
        CustomerTerms terms = new CustomerTerms(permission, List.of(), false);
        if (refused.isEmpty()) {
            assertDoesNotThrow(() -> CustomerRules.check(terms, LINES, draft));
        } else {
            assertEquals(Optional.of(refused), assertThrows(SubscriptionException.class,
                    () -> CustomerRules.check(terms, LINES, draft)).field());
        }
    }
}
