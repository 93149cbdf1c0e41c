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
import org.idempiere.subscription.api.service.PortalAccessService;

/**
 * The process Revoke Portal Link ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.RevokePortalLink}), behind the Revoke Link
 * button of the Portal Link window: revokes the link through the engine's
 * {@link PortalAccessService#revokeLink}, which ends its sessions at once.
 */
public final class RevokePortalLink extends SvrProcess {
    private final Supplier<Optional<PortalAccessService>> portal;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private int recordId;

    /** @param portal the engine's portal access as it is registered now (empty: none) */
    public RevokePortalLink(Supplier<Optional<PortalAccessService>> portal) {
        this.portal = portal;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p); // it has none
            parameters.put(p.getParameterName(), p.getParameter());
        }
        recordId = getRecord_ID();
    }

    @Override
    protected String doIt() {
        try {
            return "Portal link revoked at " + LinkParameters.revoke(parameters, recordId, portal.get()).revokedAt()
                    .map(Object::toString).orElse("once") + "; its sessions ended";
        } catch (SubscriptionException | IllegalStateException e) {
            throw new AdempiereException(e.getMessage());
        }
    }
}
