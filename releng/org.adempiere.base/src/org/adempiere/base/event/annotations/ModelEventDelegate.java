package org.adempiere.base.event.annotations;

import org.compiere.model.PO;
import org.osgi.service.event.Event;

/**
 * Compile-only signature of iDempiere 12's
 * {@code org.adempiere.base.event.annotations.ModelEventDelegate}; never shipped.
 */
public class ModelEventDelegate<T extends PO> extends EventDelegate {

    public ModelEventDelegate(T po, Event event) {
        super(event);
        throw new UnsupportedOperationException("compile-only");
    }

    protected T getModel() {
        throw new UnsupportedOperationException("compile-only");
    }
}
