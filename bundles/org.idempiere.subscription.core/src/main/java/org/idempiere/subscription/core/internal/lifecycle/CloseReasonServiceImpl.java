package org.idempiere.subscription.core.internal.lifecycle;

import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.CloseReason;
import org.idempiere.subscription.api.service.CloseReasonService;
import org.idempiere.subscription.core.internal.store.CloseReasonStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The tenant's churn reasons in {@code SUB_CloseReason}. */
@Component(service = CloseReasonService.class)
public final class CloseReasonServiceImpl implements CloseReasonService {
    private final HostContext host;
    private final CloseReasonStore store = new CloseReasonStore();

    @Activate
    public CloseReasonServiceImpl(@Reference HostContext host) {
        this.host = host;
    }

    @Override
    public CloseReason create(String name, Optional<String> description) {
        Validate.text("name", name, 60, true);
        Validate.text("description", description.orElse(null), 255, false);
        String trimmed = name.strip();
        return host.inTransaction(tx -> {
            if (store.nameTaken(tx.connection(), host.tenant(), trimmed)) {
                throw SubscriptionException.invalidState("name", trimmed, "is already a churn reason");
            }
            return store.insert(tx.connection(), host.tenant(), host.nextId(tx, "SUB_CloseReason"), trimmed, description);
        });
    }

    @Override
    public List<CloseReason> list() {
        return host.inTransaction(tx -> store.list(tx.connection(), host.tenant()));
    }
}
