package org.idempiere.subscription.plugin.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.AnalyticsService;

/**
 * The process Refresh Subscription Analytics without iDempiere: its (absent) parameters, the engine it
 * needs, and the text it reports. {@link RefreshAnalytics} hands over the parameters as name/value pairs as
 * {@code ProcessInfoParameter} carries them, and the engine's {@link AnalyticsService} if one is registered.
 */
public final class RefreshParameters {
    /** The process's search key ({@code AD_Process.Value}). */
    public static final String PROCESS = "SUB_RefreshAnalytics";
    /** Every parameter the process reads: none; any parameter is refused. */
    public static final List<String> NAMES = List.of();
    /** Why the process cannot run while no engine provides analytics. */
    public static final String NO_ANALYTICS_SERVICE = "Subscription analytics are not available: no subscription AnalyticsService is"
            + " registered (is org.idempiere.subscription.core active?). Nothing was refreshed.";

    private RefreshParameters() {
    }

    /**
     * Checks the parameters and brings the tenant's analytics figures up to date with its ledger
     * ({@link AnalyticsService#refresh()}: the tenant of the process's context).
     *
     * @param values parameter name to value, as the process received them (a null value: given, not set)
     * @param engine the engine's analytics service, empty when none is registered
     * @return the customers whose figures were recomputed
     * @throws SubscriptionException INVALID_VALUE naming a parameter (the process has none)
     * @throws IllegalStateException {@link #NO_ANALYTICS_SERVICE} when there is no engine; nothing is refreshed
     */
    public static int refresh(Map<String, Object> values, Optional<AnalyticsService> engine) {
        ProcessValues.requireKnown(values, PROCESS, NAMES);
        return engine.orElseThrow(() -> new IllegalStateException(NO_ANALYTICS_SERVICE)).refresh();
    }

    /** @return the process's result message for {@code customers} recomputed */
    public static String summary(int customers) {
        return "Analytics refreshed: " + (customers == 0 ? "every figure was up to date already"
                : customers + (customers == 1 ? " customer" : " customers") + " recomputed") + "; the figures are compacted";
    }
}
