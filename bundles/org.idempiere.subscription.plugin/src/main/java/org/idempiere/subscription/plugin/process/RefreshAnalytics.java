package org.idempiere.subscription.plugin.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MProcessPara;
import org.compiere.process.ProcessInfoParameter;
import org.compiere.process.SvrProcess;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.AnalyticsService;

/**
 * The process Refresh Subscription Analytics ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.RefreshAnalytics}): the engine's
 * {@link AnalyticsService#refresh()} brings the tenant's analytics figures — which the analytics views,
 * charts and reports show — up to date with every committed ledger entry, and compacts them. Changes made in
 * iDempiere's windows write ledger entries but do not refresh; without this process (or its scheduler) the
 * views show them after the next billing run or API read. Its own transactions, outside this process's: the
 * refresh is safe to run again, or on two servers at once. Created by
 * {@link org.idempiere.subscription.plugin.factory.ProcessFactory}; without an engine it fails saying so.
 */
public final class RefreshAnalytics extends SvrProcess {
    private final Supplier<Optional<AnalyticsService>> analytics;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** @param analytics the engine's analytics service as it is registered now (empty: none) */
    public RefreshAnalytics(Supplier<Optional<AnalyticsService>> analytics) {
        this.analytics = analytics;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            if (!RefreshParameters.NAMES.contains(p.getParameterName())) {
                // logged as iDempiere's own processes do; doIt then refuses it, naming it
                MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p);
            }
            parameters.put(p.getParameterName(), p.getParameter()); // a null value: given, not set
        }
    }

    @Override
    protected String doIt() {
        try {
            return RefreshParameters.summary(RefreshParameters.refresh(parameters, analytics.get()));
        } catch (SubscriptionException | IllegalStateException e) {
            throw new AdempiereException(e.getMessage());
        }
    }
}
