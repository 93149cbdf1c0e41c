package org.idempiere.subscription.plugin.process;

import java.util.Optional;
import java.util.function.Supplier;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MProcessPara;
import org.compiere.process.ProcessInfoParameter;
import org.compiere.process.SvrProcess;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.service.ApiKeyService;

/**
 * The process Generate Subscription API Key ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.GenerateApiKey}), behind the Generate Key button
 * of the Subscription API Key window: the engine generates a new secret for the record
 * ({@link ApiKeyService#regenerate}), keeps only its hash, and the process shows the secret once in
 * its message. A secret generated before on the record stops working at once.
 */
public final class GenerateApiKey extends SvrProcess {
    /** Why the process cannot run while no engine provides API keys. */
    public static final String NO_KEYS = "API keys are not available: no subscription ApiKeyService is registered (is"
            + " org.idempiere.subscription.core active, in a version with API keys?). Nothing was generated.";
    private final Supplier<Optional<ApiKeyService>> keys;
    private int recordId;

    /** @param keys the engine's API keys as they are registered now (empty: none) */
    public GenerateApiKey(Supplier<Optional<ApiKeyService>> keys) {
        this.keys = keys;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p); // it has none
        }
        recordId = getRecord_ID();
    }

    @Override
    protected String doIt() {
        if (recordId <= 0) {
            throw new AdempiereException("Save the API key record first, then generate its key");
        }
        ApiKeyService service = keys.get().orElseThrow(() -> new AdempiereException(NO_KEYS));
        try {
            ApiKeyService.Generated g = service.regenerate(recordId);
            return "New key (shown only now, copy it into the integration): " + g.secret();
        } catch (SubscriptionException e) {
            throw new AdempiereException(e.getMessage());
        }
    }
}
