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
import org.idempiere.subscription.api.service.RevenueBookingService;

/**
 * The process Book Subscription Revenue Recognition ({@code AD_Process.Classname}
 * {@code org.idempiere.subscription.plugin.process.BookRevenue}): the engine's
 * {@link RevenueBookingService#book} books the month of {@code DateAcct} as GL journals in a
 * transaction of its own; booking a month again books nothing, or only what changed. Created by
 * {@link org.idempiere.subscription.plugin.factory.ProcessFactory}.
 */
public final class BookRevenue extends SvrProcess {
    private final Supplier<Optional<RevenueBookingService>> booking;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** @param booking the engine's booking service as it is registered now (empty: none) */
    public BookRevenue(Supplier<Optional<RevenueBookingService>> booking) {
        this.booking = booking;
    }

    @Override
    protected void prepare() {
        for (ProcessInfoParameter p : getParameter()) {
            if (!BookParameters.NAMES.contains(p.getParameterName())) {
                MProcessPara.validateUnknownParameter(getProcessInfo().getAD_Process_ID(), p);
            }
            parameters.put(p.getParameterName(), p.getParameter());
        }
    }

    @Override
    protected String doIt() {
        try {
            return BookParameters.summary(BookParameters.book(parameters, booking.get()));
        } catch (SubscriptionException | IllegalStateException e) {
            throw new AdempiereException(e.getMessage());
        }
    }
}
