package org.adempiere.base.event.annotations;

import org.osgi.service.event.Event;

/**
 * Compile-only signature of iDempiere 12's {@code org.adempiere.base.event.annotations.EventDelegate};
 * never shipped.
 */
public class EventDelegate {

    public EventDelegate(Event event) {
        throw new UnsupportedOperationException("compile-only");
    }
}
