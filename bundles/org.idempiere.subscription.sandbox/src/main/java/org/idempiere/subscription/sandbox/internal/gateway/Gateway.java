package org.idempiere.subscription.sandbox.internal.gateway;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.PaymentMethodKind;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.idempiere.subscription.sandbox.internal.gateway.TestInstruments.Behaviour;
import org.idempiere.subscription.sandbox.internal.host.ReferenceHostContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The sandbox's reference payment gateway: tokens for checked cards and mandates (only their
 * display fields and test behaviour are kept), its ledger of captures and refunds with one row per
 * idempotency key, and its settings (latency of every charge, declines before a retry succeeds).
 * What a charge does is decided by {@link #decide}; the reference host's {@code Payments} writes
 * the ledger in its own transaction.
 */
@Component(service = Gateway.class)
public final class Gateway {
    /** The setting with the latency of each charge or refund, in milliseconds. */
    static final String LATENCY = "gateway.latencyMs";
    /** The setting with how often the retry test number declines for one customer and invoice. */
    static final String RETRY_DECLINES = "gateway.retryDeclines";
    private static final int MAX_LATENCY_MS = 30_000;
    private static final int MAX_RETRY_DECLINES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostContext host;
    /** Calls waiting their latency now, and the most that did at once since {@link #resetPeakConcurrentCalls}. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    @Activate
    public Gateway(@Reference HostContext host) {
        this.host = host;
    }

    /** A token as the gateway describes it: never the number or the full IBAN. */
    public record TokenView(String token, PaymentMethodKind kind, Optional<String> brand, Optional<String> last4,
            Optional<YearMonth> expiry, Optional<String> maskedIban, Optional<String> mandateReference,
            Optional<LocalDate> mandateDate, String holder, Behaviour behaviour) {
    }

    /** Stores a checked card under a new random token. */
    public TokenView tokenize(TestInstruments.Card card) {
        String token = newToken("tok_");
        return host.inTransaction(tx -> {
            Rows.update(tx.connection(), "INSERT INTO sbx_gateway_token (token, ad_client_id, kind, brand, last4, exp_month,"
                    + " exp_year, holder, behaviour) VALUES (?, ?, 'CARD', ?, ?, ?, ?, ?, ?)", token, client(), card.brand(),
                    card.last4(), card.expiry().getMonthValue(), card.expiry().getYear(), card.holder(), card.behaviour().name());
            return token(tx.connection(), token).orElseThrow();
        });
    }

    /** Stores a checked mandate under a new random token; a mandate without a reference gets one. */
    public TokenView tokenize(TestInstruments.Mandate mandate) {
        String token = newToken("tok_");
        String reference = mandate.reference().orElseGet(() -> "SBX-" + HexFormat.of().withUpperCase().formatHex(bytes(8)));
        return host.inTransaction(tx -> {
            Rows.update(tx.connection(), "INSERT INTO sbx_gateway_token (token, ad_client_id, kind, masked_iban,"
                    + " mandate_reference, mandate_date, holder, behaviour) VALUES (?, ?, 'DIRECT_DEBIT', ?, ?, ?, ?, ?)", token,
                    client(), mandate.maskedIban(), reference, mandate.date(), mandate.holder(), mandate.behaviour().name());
            return token(tx.connection(), token).orElseThrow();
        });
    }

    /** The token of the current tenant, if the gateway issued it. */
    public Optional<TokenView> token(Connection c, String token) {
        return Rows.first(c, "SELECT token, kind, brand, last4, exp_month, exp_year, masked_iban, mandate_reference, mandate_date,"
                + " holder, behaviour FROM sbx_gateway_token WHERE ad_client_id = ? AND token = ?", rs -> {
                    int month = rs.getInt("exp_month");
                    Optional<YearMonth> expiry = rs.wasNull() ? Optional.empty() : Optional.of(YearMonth.of(rs.getInt("exp_year"), month));
                    return new TokenView(rs.getString("token"), PaymentMethodKind.valueOf(rs.getString("kind")),
                            Optional.ofNullable(rs.getString("brand")), Optional.ofNullable(rs.getString("last4")), expiry,
                            Optional.ofNullable(rs.getString("masked_iban")), Optional.ofNullable(rs.getString("mandate_reference")),
                            Optional.ofNullable(Rows.date(rs, "mandate_date")), rs.getString("holder"),
                            Behaviour.valueOf(rs.getString("behaviour")));
                }, client(), token);
    }

    /** The gateway's settings. */
    public record Settings(int latencyMs, int retryDeclines) {
    }

    public Settings settings() {
        return host.inTransaction(tx -> settings(tx.connection()));
    }

    /** The settings, read on the caller's connection (never a second connection from the pool). */
    public Settings settings(Connection c) {
        return new Settings(setting(c, LATENCY, 0), setting(c, RETRY_DECLINES, 2));
    }

    private static int setting(Connection c, String name, int otherwise) {
        return Rows.first(c, "SELECT value FROM sbx_setting WHERE name = ?", rs -> Integer.parseInt(rs.getString(1)), name)
                .orElse(otherwise);
    }

    /**
     * Changes the settings given; all are checked before any is stored.
     *
     * @throws SubscriptionException INVALID_VALUE naming {@code latencyMs} outside 0..30000 or
     *         {@code retryDeclines} outside 0..10
     */
    public Settings update(Optional<Integer> latencyMs, Optional<Integer> retryDeclines) {
        latencyMs.filter(l -> l < 0 || l > MAX_LATENCY_MS).ifPresent(l -> {
            throw SubscriptionException.invalid("latencyMs", l, "must be between 0 and " + MAX_LATENCY_MS);
        });
        retryDeclines.filter(r -> r < 0 || r > MAX_RETRY_DECLINES).ifPresent(r -> {
            throw SubscriptionException.invalid("retryDeclines", r, "must be between 0 and " + MAX_RETRY_DECLINES);
        });
        return host.inTransaction(tx -> {
            latencyMs.ifPresent(l -> store(tx.connection(), LATENCY, l));
            retryDeclines.ifPresent(r -> store(tx.connection(), RETRY_DECLINES, r));
            return settings(tx.connection());
        });
    }

    private static void store(Connection c, String name, int value) {
        Rows.update(c, "INSERT INTO sbx_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                name, String.valueOf(value));
    }

    /**
     * Waits the configured latency, as a call over the network would, outside any transaction;
     * counts the calls waiting at once (see {@link #peakConcurrentCalls}).
     */
    public void latency() {
        int ms = settings().latencyMs();
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (ms > 0) {
                Thread.sleep(ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * @return the most charges and refunds that were waiting their latency at the same time since
     *         the last {@link #resetPeakConcurrentCalls} (or the start): how many calls a collector
     *         really made at once
     */
    public int peakConcurrentCalls() {
        return peakInFlight.get();
    }

    /** Starts counting {@link #peakConcurrentCalls} afresh. */
    public void resetPeakConcurrentCalls() {
        peakInFlight.set(inFlight.get());
    }

    /** What the gateway did with a charge: the outcome it records and the one the caller hears. */
    public record Decision(ChargeResult.Outcome recorded, ChargeResult.Outcome answered, Optional<String> code, String message) {
    }

    /**
     * What a capture with a token does.
     *
     * @param priorDeclines  this token's earlier declines for the same customer and invoice
     * @param retryDeclines  the setting: declines before the retry number succeeds
     * @param today          the test clock's day (a card past its expiry month is declined)
     */
    public static Decision decide(TokenView token, int priorDeclines, int retryDeclines, LocalDate today) {
        if (token.expiry().isPresent() && token.expiry().get().isBefore(YearMonth.from(today))) {
            return declined("expired_card", "The card expired in " + token.expiry().get());
        }
        return switch (token.behaviour()) {
            case SUCCEEDS -> succeeded();
            case INSUFFICIENT_FUNDS -> declined("insufficient_funds", "Insufficient funds");
            case EXPIRED_CARD -> declined("expired_card", "The card has expired");
            case DO_NOT_HONOR -> declined("do_not_honor", "Do not honour");
            case PROCESSING_ERROR -> new Decision(ChargeResult.Outcome.ERRORED, ChargeResult.Outcome.ERRORED,
                    Optional.of("processing_error"), "The gateway failed to process the charge; nothing was captured");
            case TIMES_OUT -> new Decision(ChargeResult.Outcome.SUCCEEDED, ChargeResult.Outcome.UNKNOWN, Optional.of("timeout"),
                    "No answer from the gateway in time; ask for the status of the key");
            case SUCCEEDS_AFTER_RETRIES -> priorDeclines < retryDeclines
                    ? declined("try_again_later", "Declined; try again later (" + (priorDeclines + 1) + " of " + retryDeclines + ")")
                    : succeeded();
        };
    }

    private static Decision succeeded() {
        return new Decision(ChargeResult.Outcome.SUCCEEDED, ChargeResult.Outcome.SUCCEEDED, Optional.empty(), "Captured");
    }

    private static Decision declined(String code, String message) {
        return new Decision(ChargeResult.Outcome.DECLINED, ChargeResult.Outcome.DECLINED, Optional.of(code), message);
    }

    /** One row of the gateway's ledger. */
    public record Entry(long id, String type, String idempotencyKey, ChargeResult.Outcome outcome, ChargeResult.Outcome answered,
            Optional<String> code, String message, String reference, long methodId, long customerId, long invoiceId,
            Optional<Long> refundOf, String currency, BigDecimal amount, Instant created) {

        /** The result as the gateway knows it now (a lost answer is known by now). */
        public ChargeResult result() {
            return new ChargeResult(outcome, Optional.of(id), Optional.of(reference), code, message);
        }
    }

    private static final String ENTRY = "SELECT g.sbx_gateway_charge_id, g.charge_type, g.idempotency_key, g.outcome, g.answered,"
            + " g.code, g.message, g.reference, g.c_bp_bankaccount_id, g.c_bpartner_id, g.c_invoice_id, g.refund_of_id,"
            + " cur.iso_code, g.amount, g.created FROM sbx_gateway_charge g JOIN sbx_currency cur ON cur.c_currency_id = g.c_currency_id"
            + " WHERE g.ad_client_id = ?";

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        long refundOf = rs.getLong(12);
        Optional<Long> of = rs.wasNull() ? Optional.empty() : Optional.of(refundOf);
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), ChargeResult.Outcome.valueOf(rs.getString(4)),
                ChargeResult.Outcome.valueOf(rs.getString(5)), Optional.ofNullable(rs.getString(6)), rs.getString(7),
                rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), of, rs.getString(13).strip(), rs.getBigDecimal(14),
                rs.getTimestamp(15).toInstant());
    }

    /** The ledger, oldest first; of one invoice when given. */
    public List<Entry> ledger(Optional<Long> invoiceId) {
        return host.inTransaction(tx -> invoiceId.isPresent()
                ? Rows.list(tx.connection(), ENTRY + " AND g.c_invoice_id = ? ORDER BY g.sbx_gateway_charge_id", Gateway::entry,
                        client(), invoiceId.get())
                : Rows.list(tx.connection(), ENTRY + " ORDER BY g.sbx_gateway_charge_id", Gateway::entry, client()));
    }

    /** The ledger row of an idempotency key. */
    public Optional<Entry> byKey(Connection c, String key) {
        return Rows.first(c, ENTRY + " AND g.idempotency_key = ?", Gateway::entry, client(), key);
    }

    /** The ledger row of an id. */
    public Optional<Entry> byId(Connection c, long id) {
        return Rows.first(c, ENTRY + " AND g.sbx_gateway_charge_id = ?", Gateway::entry, client(), id);
    }

    /** Records a charge or refund in the ledger; the caller's transaction holds the invoice's lock. */
    public Entry record(Connection c, String type, String key, Decision d, String token, long methodId, long customerId,
            long invoiceId, Optional<Long> refundOf, long currencyId, BigDecimal amount, Instant at) {
        long id = Rows.nextId(c);
        String reference = (type.equals("REFUND") ? "re_" : "ch_") + HexFormat.of().formatHex(bytes(12));
        Rows.update(c, "INSERT INTO sbx_gateway_charge (sbx_gateway_charge_id, ad_client_id, idempotency_key, charge_type, outcome,"
                + " answered, code, message, reference, token, c_bp_bankaccount_id, c_bpartner_id, c_invoice_id, refund_of_id,"
                + " c_currency_id, amount, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, client(), key,
                type, d.recorded().name(), d.answered().name(), d.code().orElse(null), d.message(), reference, token,
                methodId, customerId, invoiceId, refundOf.orElse(null), currencyId, amount, Timestamp.from(at));
        return byId(c, id).orElseThrow();
    }

    private static long client() {
        return ReferenceHostContext.current().clientId();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A prefix and 192 random bits, URL-safe. */
    static String newToken(String prefix) {
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
    }
}
