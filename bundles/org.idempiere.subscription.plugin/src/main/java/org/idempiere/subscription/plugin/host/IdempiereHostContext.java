package org.idempiere.subscription.plugin.host;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.adempiere.exceptions.AdempiereException;
import org.adempiere.util.ServerContext;
import org.compiere.model.MSysConfig;
import org.compiere.util.DB;
import org.compiere.util.Env;
import org.compiere.util.Trx;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.host.TxWork;
import org.osgi.service.component.annotations.Component;

/**
 * Tenant, time, transactions and ids in iDempiere. The tenant is the context of the calling thread
 * ({@code Env.getCtx()}: the session, the process or the scheduler that called the engine). Each
 * transaction is a new iDempiere {@code Trx}; the engine's JDBC and the ports' models use its one
 * connection (see {@link IdempiereTx}). Ids of our {@code SUB_} tables come from iDempiere's
 * {@code AD_Sequence} ({@code DB.getNextID}), which the 2Pack creates with each table. The clock is
 * the system clock: iDempiere has no test clock.
 *
 * <p>Inside an order's document event ({@link DocumentScope}) a transaction is not new: the work
 * joins the order's own {@code Trx} behind a savepoint ({@link JoinedTransaction}), so the
 * subscriptions created or cancelled there commit or roll back with the order, and the tenant's
 * organization is the order's, as for the documents iDempiere itself generates from an order.
 *
 * <p>Immediate on purpose: the bundle's activation policy is lazy, so nothing of it runs until a
 * class of it is loaded. Felix SCR activating this component at start-up loads the first class,
 * which activates the bundle and so runs {@link org.idempiere.subscription.plugin.Activator} (the
 * 2Pack) without waiting for someone to call the engine.
 */
@Component(service = HostContext.class, immediate = true)
public final class IdempiereHostContext implements HostContext {
    private final Clock clock = Clock.systemDefaultZone();

    @Override
    public Tenant tenant() {
        Properties ctx = Env.getCtx();
        int orgId = DocumentScope.current().map(DocumentScope.Document::orgId).orElseGet(() -> Env.getAD_Org_ID(ctx));
        return new Tenant(Env.getAD_Client_ID(ctx), orgId, Env.getAD_User_ID(ctx));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public <T> T inTransaction(TxWork<T> work) {
        Optional<String> documentTrx = DocumentScope.current().map(DocumentScope.Document::trxName);
        if (documentTrx.isPresent()) {
            Trx joined = Trx.get(documentTrx.get(), false);
            if (joined != null) {
                return JoinedTransaction.run(joined.getTrxName(), joined.getConnection(), work,
                        IdempiereHostContext::translate);
            }
        }
        Trx trx = Trx.get(Trx.createTrxName("Subscriptions"), true);
        trx.setDisplayName(IdempiereHostContext.class.getName() + "_inTransaction");
        try {
            Connection connection = trx.getConnection();
            if (connection == null) {
                throw SubscriptionException.hostFailure("iDempiere gave transaction " + trx.getTrxName()
                        + " no database connection", null);
            }
            T result = work.run(new IdempiereTx(trx.getTrxName(), connection));
            if (!trx.commit(true)) {
                throw SubscriptionException.hostFailure("Transaction " + trx.getTrxName() + " could not be committed", null);
            }
            return result;
        } catch (SQLException e) {
            trx.rollback();
            throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
        } catch (SubscriptionException e) {
            trx.rollback();
            throw e;
        } catch (AdempiereException e) {
            trx.rollback();
            throw translate(e);
        } catch (RuntimeException | Error e) {
            trx.rollback();
            throw e;
        } finally {
            trx.close();
        }
    }

    /**
     * On a connection of its own from iDempiere's pool in auto-commit mode ({@code DB.createConnection}), as
     * VACUUM needs; only on PostgreSQL (on another database autovacuum's equivalent is left to the DBA).
     */
    @Override
    public boolean vacuum(java.util.List<String> tables) {
        String sql = HostContext.vacuumStatement(tables);
        if (!DB.isPostgreSQL()) {
            return false;
        }
        try (Connection c = DB.createConnection(true, Connection.TRANSACTION_READ_COMMITTED);
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
            return true;
        } catch (SQLException e) {
            throw SubscriptionException.hostFailure("Vacuum failed: " + e.getMessage(), e);
        }
    }

    /** iDempiere's refusals become HOST_FAILURE with its (translated) message; others pass unchanged. */
    private static RuntimeException translate(RuntimeException e) {
        return e instanceof AdempiereException ? SubscriptionException.hostFailure(e.getLocalizedMessage(), e) : e;
    }

    /**
     * The tenant's {@code DocumentNo_<table>} sequence, the one iDempiere itself numbers a record
     * entered in the Subscription window from ({@code PO.saveNew}); {@code DB.getDocumentNo}
     * creates it on first use.
     */
    @Override
    public Optional<String> documentNo(Tx tx, String tableName) {
        String no = DB.getDocumentNo(Env.getAD_Client_ID(Env.getCtx()), Ids.ourTable(tableName), IdempiereTx.of(tx).trxName());
        return Optional.ofNullable(no).filter(s -> !s.isBlank());
    }

    @Override
    public long nextId(Tx tx, String tableName) {
        int id = DB.getNextID(Env.getAD_Client_ID(Env.getCtx()), Ids.ourTable(tableName), IdempiereTx.of(tx).trxName());
        if (id <= 0) {
            throw SubscriptionException.hostFailure("iDempiere has no id sequence for " + tableName
                    + " (AD_Sequence); is the plugin's 2Pack applied?", null);
        }
        return id;
    }

    /**
     * Acts for another tenant in this thread: a new server context ({@code ServerContext}, what
     * {@code Env.getCtx()} answers outside a web UI session) with the tenant's client,
     * organization and user, the previous one restored afterwards — as iDempiere's own REST
     * services set up each request. Used by the customer portal, whose requests come without an
     * iDempiere session.
     */
    @Override
    public <T> T actingFor(Tenant tenant, Supplier<T> work) {
        Tenant current = tenant();
        if (current.clientId() == tenant.clientId() && current.orgId() == tenant.orgId()) {
            return work.get();
        }
        Properties previous = ServerContext.getCurrentInstance();
        Properties ctx = new Properties();
        Env.setContext(ctx, Env.AD_CLIENT_ID, Math.toIntExact(tenant.clientId()));
        Env.setContext(ctx, Env.AD_ORG_ID, Math.toIntExact(tenant.orgId()));
        Env.setContext(ctx, Env.AD_USER_ID, Math.toIntExact(tenant.userId()));
        ServerContext.setCurrentInstance(ctx);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                ServerContext.dispose();
            } else {
                ServerContext.setCurrentInstance(previous);
            }
        }
    }

    /** The tenant's (else the system's) value in the System Configurator ({@code MSysConfig}). */
    @Override
    public Optional<String> setting(String name) {
        String value = MSysConfig.getValue(name, Env.getAD_Client_ID(Env.getCtx()));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
