package org.idempiere.subscription.plugin.host;

import java.sql.SQLException;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.util.Trx;
import org.idempiere.subscription.api.SubscriptionException;

/** The payments' own iDempiere transactions: charges, refunds and status queries never run in the engine's. */
final class PaymentTrx {
    private PaymentTrx() {
    }

    /** Work in a new iDempiere transaction of its own, committed at the end; iDempiere's refusals become HOST_FAILURE. */
    interface TrxWork<T> {
        T run(String trxName) throws SQLException;
    }

    static <T> T inOwnTrx(TrxWork<T> work) {
        Trx trx = Trx.get(Trx.createTrxName("SubscriptionPayment"), true);
        trx.setDisplayName(IdempierePayments.class.getName());
        try {
            T result = work.run(trx.getTrxName());
            trx.commit(true);
            return result;
        } catch (SubscriptionException e) {
            trx.rollback();
            throw e;
        } catch (AdempiereException e) {
            trx.rollback();
            throw SubscriptionException.hostFailure("iDempiere refused the payment: " + e.getLocalizedMessage(), e);
        } catch (SQLException e) {
            trx.rollback();
            throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        } finally {
            trx.close();
        }
    }
}
