package org.idempiere.subscription.plugin.process;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MProcessPara;
import org.compiere.process.ProcessInfoParameter;
import org.compiere.process.SvrProcess;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;

/**
 * The process Send Portal Link ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.SendPortalLink}): e-mails the business partner
 * (or the contact chosen) a new link to the customer portal, in their language, through the
 * engine's {@link PortalAccessService#sendLink}. Started from the menu, or by the button of the
 * Subscription window (its parameters default to the subscription's customer and contact).
 * Created by {@link org.idempiere.subscription.plugin.factory.ProcessFactory}.
 */
public final class SendPortalLink extends SvrProcess {
    private final Supplier<Optional<PortalAccessService>> portal;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** @param portal the engine's portal access as it is registered now (empty: none) */
    public SendPortalLink(Supplier<Optional<PortalAccessService>> portal) {
        this.portal = portal;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            if (!LinkParameters.NAMES.contains(p.getParameterName())) {
                MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p);
            }
            parameters.put(p.getParameterName(), p.getParameter());
        }
    }

    @Override
    protected String doIt() {
        try {
            PortalLink link = LinkParameters.send(parameters, portal.get());
            return LinkParameters.summary(link, ZoneId.systemDefault());
        } catch (SubscriptionException | IllegalStateException e) {
            throw new AdempiereException(e.getMessage());
        }
    }
}
