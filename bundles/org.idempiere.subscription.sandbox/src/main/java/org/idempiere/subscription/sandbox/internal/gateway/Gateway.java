package org.idempiere.subscription.sandbox.internal.gateway;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    /** How long {@link #latency()} trusts the latency setting it read last. */
    static final long LATENCY_READ_MS = 1_000;

    private final HostContext host;
    /** The latency setting as last read, and when ({@link System#nanoTime()}). */
    private record LatencyRead(int ms, long at) {
    }

    private volatile LatencyRead latencyRead;
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
        return host.inTransaction(tx -> tokenize(tx.connection(), card));
    }

    /** Stores a checked card under a new random token, on the caller's connection (its transaction). */
    public TokenView tokenize(Connection c, TestInstruments.Card card) {
        String token = newToken("tok_");
        Rows.update(c, "INSERT INTO sbx_gateway_token (token, ad_client_id, kind, brand, last4, exp_month,"
                + " exp_year, holder, behaviour) VALUES (?, ?, 'CARD', ?, ?, ?, ?, ?, ?)", token, client(), card.brand(),
                card.last4(), card.expiry().getMonthValue(), card.expiry().getYear(), card.holder(), card.behaviour().name());
        return token(c, token).orElseThrow();
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

    /**
     * The columns of {@code sbx_gateway_token} (aliased {@code t}) that {@link #tokenView} reads, for
     * a query that joins the tokens to what names them.
     */
    public static final String TOKEN_COLUMNS = "t.token, t.kind, t.brand, t.last4, t.exp_month, t.exp_year, t.masked_iban,"
            + " t.mandate_reference, t.mandate_date, t.holder, t.behaviour";

    /** The token of the current tenant, if the gateway issued it. */
    public Optional<TokenView> token(Connection c, String token) {
        return Rows.first(c, "SELECT " + TOKEN_COLUMNS + " FROM sbx_gateway_token t WHERE t.ad_client_id = ? AND t.token = ?",
                Gateway::tokenView, client(), token);
    }

    /** A token from a row holding {@link #TOKEN_COLUMNS}. */
    public static TokenView tokenView(ResultSet rs) throws SQLException {
        int month = rs.getInt("exp_month");
        Optional<YearMonth> expiry = rs.wasNull() ? Optional.empty() : Optional.of(YearMonth.of(rs.getInt("exp_year"), month));
        return new TokenView(rs.getString("token"), PaymentMethodKind.valueOf(rs.getString("kind")),
                Optional.ofNullable(rs.getString("brand")), Optional.ofNullable(rs.getString("last4")), expiry,
                Optional.ofNullable(rs.getString("masked_iban")), Optional.ofNullable(rs.getString("mandate_reference")),
                Optional.ofNullable(Rows.date(rs, "mandate_date")), rs.getString("holder"),
                Behaviour.valueOf(rs.getString("behaviour")));
    }

    /** The gateway's settings. */
    public record Settings(int latencyMs, int retryDeclines) {
    }

    /** The settings as stored now. */
    public Settings settings() {
        return host.inTransaction(tx -> settings(tx.connection()));
    }

    /** The settings, read on the caller's connection (never a second connection from the pool). */
    public Settings settings(Connection c) {
        return new Settings(setting(c, LATENCY, 0), retryDeclines(c));
    }

    /** The setting {@code retryDeclines}, read on the caller's connection: a capture reads it when it decides. */
    public int retryDeclines(Connection c) {
        return setting(c, RETRY_DECLINES, 2);
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
        Settings now = host.inTransaction(tx -> {
            latencyMs.ifPresent(l -> store(tx.connection(), LATENCY, l));
            retryDeclines.ifPresent(r -> store(tx.connection(), RETRY_DECLINES, r));
            return settings(tx.connection());
        });
        latencyRead = new LatencyRead(now.latencyMs(), System.nanoTime()); // this process sees its own change at once
        return now;
    }

    private static void store(Connection c, String name, int value) {
        Rows.update(c, "INSERT INTO sbx_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                name, String.valueOf(value));
    }

    /**
     * Waits the configured latency, as a call over the network would, outside any transaction;
     * counts the calls waiting at once (see {@link #peakConcurrentCalls}). The setting is read
     * again when the last reading is older than {@value #LATENCY_READ_MS} ms (a change through
     * {@link #update} is seen at once, one written to the table by another process within that
     * time), so that a call does not cost a transaction of its own only to learn how long to wait.
     */
    public void latency() {
        LatencyRead last = latencyRead;
        if (last == null || System.nanoTime() - last.at() > TimeUnit.MILLISECONDS.toNanos(LATENCY_READ_MS)) {
            last = new LatencyRead(host.inTransaction(tx -> setting(tx.connection(), LATENCY, 0)), System.nanoTime());
            latencyRead = last;
        }
        int ms = last.ms();
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
            case SUCCEEDS, REFUND_DECLINED, REFUND_ERRORS -> succeeded();
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

    /** What a refund of a capture made with a token does: refunded, unless its test number declines or fails refunds. */
    public static Decision decideRefund(TokenView token) {
        return switch (token.behaviour()) {
            case REFUND_DECLINED -> declined("expired_or_canceled_card", "The card was cancelled; the refund was declined");
            case REFUND_ERRORS -> new Decision(ChargeResult.Outcome.ERRORED, ChargeResult.Outcome.ERRORED,
                    Optional.of("processing_error"), "The gateway failed to process the refund; nothing was refunded");
            default -> new Decision(ChargeResult.Outcome.SUCCEEDED, ChargeResult.Outcome.SUCCEEDED, Optional.empty(), "Refunded");
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

    private static Entry entry(ResultSet rs) throws SQLException {
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

    /**
     * A charge or refund to record: its type ({@code CAPTURE} or {@code REFUND}), idempotency key,
     * token and saved method, customer, invoice, the capture a refund is of, currency (id and ISO
     * code), amount and time.
     */
    public record Request(String type, String key, String token, long methodId, long customerId, long invoiceId,
            Optional<Long> refundOf, long currencyId, String currency, BigDecimal amount, Instant at) {
    }

    /**
     * Records a charge or refund in the ledger, in one statement; the caller's transaction holds
     * the invoice's lock.
     *
     * @return the new row; empty when the ledger holds the key already (nothing recorded: the
     *         caller answers what the ledger holds for it)
     */
    public Optional<Entry> record(Connection c, Request r, Decision d) {
        String reference = (r.type().equals("REFUND") ? "re_" : "ch_") + HexFormat.of().formatHex(bytes(12));
        Instant at = r.at().truncatedTo(ChronoUnit.MICROS); // as the column keeps it
        return Rows.list(c, "INSERT INTO sbx_gateway_charge (sbx_gateway_charge_id, ad_client_id, idempotency_key, charge_type,"
                + " outcome, answered, code, message, reference, token, c_bp_bankaccount_id, c_bpartner_id, c_invoice_id, refund_of_id,"
                + " c_currency_id, amount, created) VALUES (nextval('sbx_id_sq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (ad_client_id, idempotency_key) DO NOTHING RETURNING sbx_gateway_charge_id", rs -> rs.getLong(1),
                client(), r.key(), r.type(), d.recorded().name(), d.answered().name(), d.code().orElse(null), d.message(), reference,
                r.token(), r.methodId(), r.customerId(), r.invoiceId(), r.refundOf().orElse(null), r.currencyId(), r.amount(),
                Timestamp.from(at)).stream().findFirst()
                .map(id -> new Entry(id, r.type(), r.key(), d.recorded(), d.answered(), d.code(), d.message(), reference, r.methodId(),
                        r.customerId(), r.invoiceId(), r.refundOf(), r.currency(), r.amount(), at));
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
