package org.idempiere.subscription.plugin.process;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MProcessPara;
import org.compiere.process.ProcessInfoParameter;
import org.compiere.process.SvrProcess;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.BillingRunReport;
import org.idempiere.subscription.api.service.BillingService;

/**
 * The process Generate Subscription Invoices ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.GenerateInvoices}): runs the engine's billing
 * for the tenant of the context, as of the {@code AsOfDate} parameter (today if empty). The engine
 * bills in chunks with transactions of its own, so the process's own transaction holds nothing; a
 * subscription that fails is logged (and recorded with the run) and the others are billed. Created by
 * {@link org.idempiere.subscription.plugin.factory.ProcessFactory}, which hands it the engine.
 */
public final class GenerateInvoices extends SvrProcess {
    private final BillingService billing;
    private final Supplier<LocalDate> today;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /**
     * @param billing the engine's billing service
     * @param today   the default as-of date ({@code HostContext.today()})
     */
    public GenerateInvoices(BillingService billing, Supplier<LocalDate> today) {
        this.billing = billing;
        this.today = today;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            if (!BillingParameters.NAMES.contains(p.getParameterName())) {
                // logged as iDempiere's own processes do; doIt then refuses it, naming it
                MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p);
            }
            parameters.put(p.getParameterName(), p.getParameter()); // a null value: given, not set
        }
    }

    @Override
    protected String doIt() {
        BillingRunReport report;
        try {
            BillingParameters.Request request = BillingParameters.parse(parameters, today.get());
            report = billing.run(request.asOf(), request.scope());
        } catch (SubscriptionException e) {
            throw new AdempiereException(e.getMessage());
        }
        BillingParameters.failureLines(report).forEach(this::addLog);
        return BillingParameters.summary(report);
    }
}
