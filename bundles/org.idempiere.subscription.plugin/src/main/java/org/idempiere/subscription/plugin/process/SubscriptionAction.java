package org.idempiere.subscription.plugin.process;

import java.util.LinkedHashMap;
import java.util.Map;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MProcessPara;
import org.compiere.process.ProcessInfoParameter;
import org.compiere.process.SvrProcess;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.Subscription;
import org.idempiere.subscription.api.service.SubscriptionService;

/**
 * The process Subscription Action ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.SubscriptionAction}), behind the button of the
 * same name in the Subscription window: activates a draft, pauses, resumes, closes (with a churn
 * reason and a comment) or reactivates the subscription the button was pressed on, through the
 * engine, which checks the move and books it in the MRR ledger in a transaction of its own. A
 * refusal is shown as the process's error and changes nothing. Created by
 * {@link org.idempiere.subscription.plugin.factory.ProcessFactory}, which hands it the engine.
 */
public final class SubscriptionAction extends SvrProcess {
    private final SubscriptionService subscriptions;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private int recordId;

    /** @param subscriptions the engine's subscription service */
    public SubscriptionAction(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            if (!ActionParameters.NAMES.contains(p.getParameterName())) {
                // logged as iDempiere's own processes do; doIt then refuses it, naming it
                MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p);
            }
            parameters.put(p.getParameterName(), p.getParameter()); // a null value: given, not set
        }
        recordId = getRecord_ID();
    }

    @Override
    protected String doIt() {
        try {
            ActionParameters.Request request = ActionParameters.parse(parameters, recordId);
            Subscription after = request.apply(subscriptions);
            return ActionParameters.summary(request.action(), after);
        } catch (SubscriptionException e) {
            throw new AdempiereException(e.getMessage());
        }
    }
}
