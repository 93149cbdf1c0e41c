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
import org.idempiere.subscription.api.service.PaymentRunReport;
import org.idempiere.subscription.api.service.PaymentService;

/**
 * The process Collect Subscription Payments ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.CollectPayments}): the engine's
 * {@link PaymentService#collect()} charges every payment attempt due by today, outside any
 * transaction of this process, each under its idempotency key, so running it again (or on two
 * servers at once) charges nothing twice. Created by
 * {@link org.idempiere.subscription.plugin.factory.ProcessFactory}, which hands it the engine's
 * payment service if one is registered; without one the process fails saying so and charges nothing.
 */
public final class CollectPayments extends SvrProcess {
    private final Supplier<Optional<PaymentService>> payments;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** @param payments the engine's payment service as it is registered now (empty: none) */
    public CollectPayments(Supplier<Optional<PaymentService>> payments) {
        this.payments = payments;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            if (!CollectParameters.NAMES.contains(p.getParameterName())) {
                // logged as iDempiere's own processes do; doIt then refuses it, naming it
                MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p);
            }
            parameters.put(p.getParameterName(), p.getParameter()); // a null value: given, not set
        }
    }

    @Override
    protected String doIt() {
        PaymentRunReport report;
        try {
            report = CollectParameters.collect(parameters, payments.get());
        } catch (SubscriptionException | IllegalStateException e) {
            throw new AdempiereException(e.getMessage());
        }
        return CollectParameters.summary(report);
    }
}
