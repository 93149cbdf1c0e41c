package org.idempiere.subscription.plugin.host;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Function;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MBPBankAccount;
import org.compiere.model.MBPartner;
import org.compiere.model.MInvoice;
import org.compiere.model.MPayment;
import org.compiere.process.DocAction;
import org.compiere.util.DB;
import org.compiere.util.Env;
import org.compiere.util.Trx;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.ChargeRequest;
import org.idempiere.subscription.api.host.ChargeResult;
import org.idempiere.subscription.api.host.CreditShare;
import org.idempiere.subscription.api.host.MethodRegistration;
import org.idempiere.subscription.api.host.PaymentMethod;
import org.idempiere.subscription.api.host.PaymentMethodKind;
import org.idempiere.subscription.api.host.Payments;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * Payments through iDempiere's own documents. A saved method is a {@code C_BP_BankAccount} of the
 * business partner (fields: {@link SavedMethodFields}). A charge is an AR receipt
 * ({@code MPayment}, tender credit card or direct debit, TrxType Sales) for the invoice, with the
 * method's token in {@code CustomerPaymentProfileID}, its bank account and processor found by
 * {@code setPaymentProcessor} from the tenant's {@code C_BankAccount_Processor} records, saved and
 * committed first (so its key is known before money can move), then {@code processOnline()}
 * (iDempiere's {@code PaymentProcessor} of the {@code C_PaymentProcessor}), then, when approved,
 * {@code processIt("CO")}: completion allocates it to the invoice ({@code allocateIt} through the
 * credit manager), so the invoice is paid and posted as for any iDempiere receipt. A refund is an
 * AP payment (TrxType Credit Payment, {@code Orig_TrxID} the original's processor reference) on
 * the same invoice and method, allocated negatively, so the invoice is open again by its amount.
 * Keys and answers: {@link PaymentAnswers}. Charges and refunds run in their own {@code Trx},
 * never the engine's. Customer credit settles an invoice with an allocation of the credit invoices
 * in the engine's {@code Trx} ({@link CreditAllocations}).
 */
@Component(service = Payments.class)
public final class IdempierePayments implements Payments {

    private static Properties ctx() {
        return Env.getCtx();
    }

    /** The tenant's bank account of the partner with a token; empty otherwise. */
    private static Optional<MBPBankAccount> account(long methodId, String trxName) {
        OptionalInt id = Ids.lookup(methodId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        MBPBankAccount ba = new MBPBankAccount(ctx(), id.getAsInt(), trxName);
        if (ba.get_ID() != id.getAsInt() || ba.getAD_Client_ID() != Env.getAD_Client_ID(ctx())
                || ba.getCustomerPaymentProfileID() == null || ba.getCustomerPaymentProfileID().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ba);
    }

    /** An active method of the customer, or UNKNOWN_REFERENCE naming {@code methodId}. */
    private static MBPBankAccount methodOf(long customerId, long methodId, String trxName) {
        return account(methodId, trxName).filter(ba -> ba.getC_BPartner_ID() == customerId && ba.isActive())
                .orElseThrow(() -> SubscriptionException.unknown("methodId", methodId));
    }

    private static SavedMethodFields.Stored stored(MBPBankAccount ba) {
        SavedMethodFields.Mandate mandate = SavedMethodFields.readMandate(columns(ba));
        return new SavedMethodFields.Stored(ba.getCustomerPaymentProfileID(), ba.getCreditCardType(), ba.getCreditCardNumber(),
                ba.getCreditCardExpMM(), ba.getCreditCardExpYY(), ba.getAccountNo(), ba.getBPBankAcctUse(), ba.getA_Name(),
                mandate.reference(), mandate.date());
    }

    /** The columns of the bank account our 2Pack adds (release 12's model has no getters for them). */
    private static SavedMethodFields.Columns columns(MBPBankAccount ba) {
        return new SavedMethodFields.Columns() {
            @Override
            public Object get(String columnName) {
                return ba.get_ColumnIndex(columnName) < 0 ? null : ba.get_Value(columnName);
            }

            @Override
            public boolean set(String columnName, Object value) {
                return ba.set_ValueOfColumnReturningBoolean(columnName, value);
            }
        };
    }

    private static PaymentMethod view(MBPBankAccount ba) {
        return SavedMethodFields.view(ba.getC_BP_BankAccount_ID(), ba.getC_BPartner_ID(), stored(ba));
    }

    @Override
    public PaymentMethod register(Tx tx, long customerId, MethodRegistration registration) {
        String trxName = IdempiereTx.of(tx).trxName();
        OptionalInt partnerId = Ids.lookup(customerId);
        MBPartner partner = partnerId.isEmpty() ? null : MBPartner.get(ctx(), partnerId.getAsInt(), trxName);
        if (partner == null || partner.get_ID() <= 0 || partner.getAD_Client_ID() != Env.getAD_Client_ID(ctx())) {
            throw SubscriptionException.unknown("customerId", customerId);
        }
        SavedMethodFields.Stored s = SavedMethodFields.of(registration, registration.makeDefault());
        int existing = DB.getSQLValueEx(trxName, "SELECT MIN(C_BP_BankAccount_ID) FROM C_BP_BankAccount WHERE AD_Client_ID=?"
                + " AND CustomerPaymentProfileID=? AND IsActive='Y'", Env.getAD_Client_ID(ctx()), s.token());
        MBPBankAccount ba;
        if (existing > 0) {
            ba = new MBPBankAccount(ctx(), existing, trxName);
            if (ba.getC_BPartner_ID() != customerId) {
                throw SubscriptionException.invalid("token", s.token().substring(0, Math.min(8, s.token().length())) + "...",
                        "is saved for another customer");
            }
        } else {
            ba = new MBPBankAccount(ctx(), 0, trxName);
            ba.setC_BPartner_ID(partner.getC_BPartner_ID());
            ba.setCustomerPaymentProfileID(s.token());
            ba.setA_Name(s.holder() != null ? s.holder() : partner.getName());
            if (s.creditCardType() != null) {
                ba.setCreditCardType(s.creditCardType());
                ba.setCreditCardNumber(s.creditCardNumber());
                ba.setCreditCardExpMM(s.expMM());
                ba.setCreditCardExpYY(s.expYY());
            } else {
                ba.setAccountNo(s.accountNo());
                SavedMethodFields.writeMandate(s, columns(ba));
            }
            ba.setBPBankAcctUse(SavedMethodFields.USE_OTHER);
        }
        save(ba);
        if (registration.makeDefault()) {
            makeDefault(customerId, ba, trxName);
        }
        return view(ba);
    }

    private static void save(MBPBankAccount ba) {
        try {
            ba.saveEx();
        } catch (AdempiereException e) {
            throw SubscriptionException.hostFailure("iDempiere refused the payment method: " + e.getLocalizedMessage(), e);
        }
    }

    private static List<MBPBankAccount> accounts(long customerId, String trxName) {
        List<MBPBankAccount> out = new ArrayList<>();
        OptionalInt id = Ids.lookup(customerId);
        if (id.isEmpty()) {
            return out;
        }
        List<List<Object>> rows = DB.getSQLArrayObjectsEx(trxName, "SELECT C_BP_BankAccount_ID FROM C_BP_BankAccount"
                + " WHERE AD_Client_ID=? AND C_BPartner_ID=? AND IsActive='Y' AND CustomerPaymentProfileID IS NOT NULL"
                + " ORDER BY CASE WHEN BPBankAcctUse='" + SavedMethodFields.USE_DEFAULT + "' THEN 0 ELSE 1 END, C_BP_BankAccount_ID",
                Env.getAD_Client_ID(ctx()), id.getAsInt());
        if (rows == null) { // release-12 answers null when no row matches
            return out;
        }
        for (List<Object> row : rows) {
            out.add(new MBPBankAccount(ctx(), ((Number) row.get(0)).intValue(), trxName));
        }
        return out;
    }

    private static void makeDefault(long customerId, MBPBankAccount chosen, String trxName) {
        for (MBPBankAccount other : accounts(customerId, trxName)) {
            if (other.get_ID() != chosen.get_ID() && SavedMethodFields.USE_DEFAULT.equals(other.getBPBankAcctUse())) {
                other.setBPBankAcctUse(SavedMethodFields.USE_OTHER);
                save(other);
            }
        }
        chosen.setBPBankAcctUse(SavedMethodFields.USE_DEFAULT);
        save(chosen);
    }

    @Override
    public List<PaymentMethod> methods(Tx tx, long customerId) {
        return accounts(customerId, IdempiereTx.of(tx).trxName()).stream().map(IdempierePayments::view).toList();
    }

    @Override
    public PaymentMethod setDefault(Tx tx, long customerId, long methodId) {
        String trxName = IdempiereTx.of(tx).trxName();
        MBPBankAccount ba = methodOf(customerId, methodId, trxName);
        makeDefault(customerId, ba, trxName);
        return view(ba);
    }

    /** Deactivates the bank account ({@code IsActive}): its payments keep pointing at it. */
    @Override
    public void remove(Tx tx, long customerId, long methodId) {
        MBPBankAccount ba = methodOf(customerId, methodId, IdempiereTx.of(tx).trxName());
        ba.setBPBankAcctUse(SavedMethodFields.USE_OTHER);
        ba.setIsActive(false);
        save(ba);
    }

    /** A completed AR invoice of the tenant. */
    private static Optional<MInvoice> invoice(long invoiceId, String trxName) {
        OptionalInt id = Ids.lookup(invoiceId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        MInvoice invoice = new MInvoice(ctx(), id.getAsInt(), trxName);
        if (invoice.get_ID() != id.getAsInt() || invoice.getAD_Client_ID() != Env.getAD_Client_ID(ctx()) || !invoice.isSOTrx()
                || !("CO".equals(invoice.getDocStatus()) || "CL".equals(invoice.getDocStatus()))) {
            return Optional.empty();
        }
        return Optional.of(invoice);
    }

    /** {@code MInvoice.getOpenAmt()}: the grand total less what is allocated, in the invoice's currency. */
    @Override
    public Optional<Money> openAmount(Tx tx, long invoiceId) {
        return invoice(invoiceId, IdempiereTx.of(tx).trxName()).map(IdempierePayments::open);
    }

    private static Money open(MInvoice inv) {
        return Money.of(inv.getOpenAmt(), Money.currency("currency", inv.getCurrencyISO()), java.math.RoundingMode.HALF_UP);
    }

    /**
     * The invoices {@link #openAmount} answers for (the tenant's completed or closed sales
     * invoices) read in one query, then each one's {@code MInvoice.getOpenAmt}.
     */
    @Override
    public java.util.Map<Long, Money> openAmounts(Tx tx, java.util.Collection<Long> invoiceIds) {
        java.util.Map<Long, Money> out = new java.util.HashMap<>();
        // ids of iDempiere's int range only (Ids.lookup), written as numbers: nothing of the caller's text reaches the SQL
        String in = invoiceIds.stream().map(Ids::lookup).filter(OptionalInt::isPresent).map(i -> String.valueOf(i.getAsInt()))
                .distinct().collect(java.util.stream.Collectors.joining(","));
        if (in.isEmpty()) {
            return out;
        }
        List<MInvoice> invoices = new org.compiere.model.Query(ctx(), "C_Invoice", "C_Invoice_ID IN (" + in + ") AND AD_Client_ID=?"
                + " AND IsSOTrx='Y' AND DocStatus IN ('CO','CL')", IdempiereTx.of(tx).trxName())
                .setParameters(Env.getAD_Client_ID(ctx())).list();
        for (MInvoice inv : invoices) {
            out.put((long) inv.get_ID(), open(inv));
        }
        return out;
    }

    /** An allocation of the credit invoices against the invoice, in the engine's {@code Trx}: {@link CreditAllocations}. */
    @Override
    public boolean settleWithCredit(Tx tx, long invoiceId, List<CreditShare> credits) {
        CreditAllocations.settle(IdempiereTx.of(tx).trxName(), invoiceId, credits);
        return true;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        return PaymentTrx.inOwnTrx(trxName -> {
            String uu = PaymentAnswers.uuidOf(request.idempotencyKey());
            Optional<MPayment> seen = byUuid(uu, trxName);
            if (seen.isPresent()) {
                return answerAgain(seen.get(), request, false);
            }
            MBPBankAccount ba = methodOf(request.customerId(), request.methodId(), trxName);
            MInvoice invoice = invoice(request.invoiceId(), trxName).filter(i -> i.getC_BPartner_ID() == request.customerId())
                    .orElseThrow(() -> SubscriptionException.unknown("invoiceId", request.invoiceId()));
            checkCurrency(request, invoice.getCurrencyISO());
            BigDecimal open = invoice.getOpenAmt();
            if (request.amount().amount().compareTo(open) > 0) {
                throw SubscriptionException.invalid("amount", request.amount(), "is more than the invoice's open amount "
                        + open.toPlainString());
            }
            MPayment p = payment(uu, true, ba, invoice, request);
            p.setTrxType(MPayment.TRXTYPE_Sales);
            return process(p, trxName);
        });
    }

    @Override
    public ChargeResult refund(long paymentId, ChargeRequest request) {
        return PaymentTrx.inOwnTrx(trxName -> {
            String uu = PaymentAnswers.uuidOf(request.idempotencyKey());
            Optional<MPayment> seen = byUuid(uu, trxName);
            if (seen.isPresent()) {
                return answerAgain(seen.get(), request, true);
            }
            OptionalInt id = Ids.lookup(paymentId);
            MPayment original = id.isEmpty() ? null : new MPayment(ctx(), id.getAsInt(), trxName);
            if (original == null || original.get_ID() <= 0 || original.getAD_Client_ID() != Env.getAD_Client_ID(ctx())
                    || !original.isReceipt() || !original.isApproved() || original.getC_BPartner_ID() != request.customerId()
                    || !("CO".equals(original.getDocStatus()) || "CL".equals(original.getDocStatus()))) {
                throw SubscriptionException.unknown("paymentId", paymentId);
            }
            if (original.getC_Invoice_ID() != request.invoiceId()) {
                throw SubscriptionException.invalid("invoiceId", request.invoiceId(), "is not the invoice of payment " + paymentId);
            }
            checkCurrency(request, original.getCurrencyISO());
            if (original.getR_PnRef() == null || original.getR_PnRef().isBlank()) {
                throw SubscriptionException.invalidState("paymentId", paymentId, "has no processor reference to refund against");
            }
            BigDecimal refunded = DB.getSQLValueBDEx(trxName, "SELECT COALESCE(SUM(PayAmt),0) FROM C_Payment WHERE AD_Client_ID=?"
                    + " AND C_BPartner_ID=? AND C_Invoice_ID=? AND IsReceipt='N' AND TrxType=? AND Orig_TrxID=? AND IsApproved='Y'"
                    + " AND DocStatus IN ('CO','CL')", Env.getAD_Client_ID(ctx()), original.getC_BPartner_ID(),
                    original.getC_Invoice_ID(), MPayment.TRXTYPE_CreditPayment, original.getR_PnRef());
            BigDecimal left = original.getPayAmt().subtract(refunded == null ? BigDecimal.ZERO : refunded);
            if (request.amount().amount().compareTo(left) > 0) {
                throw SubscriptionException.invalid("amount", request.amount(), "is more than is left to refund of payment "
                        + paymentId + " (" + left.toPlainString() + ")");
            }
            MBPBankAccount ba = account(original.getC_BP_BankAccount_ID(), trxName)
                    .orElseThrow(() -> SubscriptionException.invalidState("paymentId", paymentId, "was not made with a saved method"));
            MInvoice invoice = new MInvoice(ctx(), original.getC_Invoice_ID(), trxName);
            MPayment p = payment(uu, false, ba, invoice, request);
            p.setTrxType(MPayment.TRXTYPE_CreditPayment);
            p.setOrig_TrxID(original.getR_PnRef());
            return process(p, trxName);
        });
    }

    private static void checkCurrency(ChargeRequest request, String iso) {
        if (!request.amount().currency().getCurrencyCode().equals(iso)) {
            throw SubscriptionException.invalid("amount", request.amount(), "is not in the document's currency " + iso);
        }
    }

    /** A new receipt (or, for a refund, payment) of the method for the invoice, not yet saved. */
    private static MPayment payment(String uu, boolean receipt, MBPBankAccount ba, MInvoice invoice, ChargeRequest request) {
        MPayment p = new MPayment(ctx(), 0, invoice.get_TrxName());
        p.setC_Payment_UU(uu);
        p.setAD_Org_ID(invoice.getAD_Org_ID());
        p.setIsReceipt(receipt);
        p.setC_DocType_ID(receipt);
        p.setC_BPartner_ID(invoice.getC_BPartner_ID());
        p.setC_Invoice_ID(invoice.getC_Invoice_ID());
        p.setAmount(invoice.getC_Currency_ID(), request.amount().amount());
        p.setC_BP_BankAccount_ID(ba.getC_BP_BankAccount_ID());
        p.setCustomerPaymentProfileID(ba.getCustomerPaymentProfileID());
        p.setA_Name(ba.getA_Name());
        boolean card = view(ba).kind() == PaymentMethodKind.CARD;
        p.setTenderType(card ? MPayment.TENDERTYPE_CreditCard : MPayment.TENDERTYPE_DirectDebit);
        if (card) {
            p.setCreditCardType(ba.getCreditCardType());
            p.setCreditCardNumber(ba.getCreditCardNumber()); // masked as iDempiere masks it: the processor uses the token
            p.setCreditCardExpMM(ba.getCreditCardExpMM());
            p.setCreditCardExpYY(ba.getCreditCardExpYY());
        }
        if (request.description() != null && !request.description().isBlank()) {
            p.setDescription(request.description());
        }
        return p;
    }

    /**
     * Saves and commits the payment (its key is known from now on), asks the processor, saves its
     * answer, and completes an approved payment (allocating it to the invoice).
     */
    private static ChargeResult process(MPayment p, String trxName) throws SQLException {
        if (!p.setPaymentProcessor()) {
            return PaymentAnswers.online(false, false, null, null, null, null, 0);
        }
        p.saveEx();
        Trx.get(trxName, false).commit(true);
        boolean approved = p.processOnline();
        ChargeResult answer = PaymentAnswers.online(approved, true, p.getErrorMessage(), p.getR_Result(), p.getR_RespMsg(),
                p.getR_PnRef(), p.getC_Payment_ID());
        if (answer.outcome() == ChargeResult.Outcome.UNKNOWN) {
            p.setIsOnline(false); // no answer recorded: status asks again until one is
        }
        p.saveEx();
        Trx.get(trxName, false).commit(true);
        if (!approved) {
            return answer;
        }
        return complete(p, trxName);
    }

    /** Completes an approved payment; if iDempiere refuses, the money moved but the answer is UNKNOWN until completed. */
    private static ChargeResult complete(MPayment p, String trxName) throws SQLException {
        boolean completed;
        try {
            completed = p.processIt(DocAction.ACTION_Complete);
            if (completed) {
                p.saveEx();
                Trx.get(trxName, false).commit(true);
            }
        } catch (AdempiereException e) {
            completed = false;
        }
        if (!completed) {
            Trx.get(trxName, false).rollback();
        }
        return PaymentAnswers.state(found(new MPayment(ctx(), p.getC_Payment_ID(), trxName)));
    }

    /** A payment seen before: an approved one not yet completed is completed now; then its state. */
    private static ChargeResult answerAgain(MPayment p, ChargeRequest request, boolean refund) throws SQLException {
        PaymentAnswers.Found f = found(p);
        ChargeResult r = PaymentAnswers.repeated(f, request, refund);
        if (f.approved() && !f.completed()) {
            return complete(p, p.get_TrxName());
        }
        return r;
    }

    private static PaymentAnswers.Found found(MPayment p) {
        return new PaymentAnswers.Found(p.getC_Payment_ID(), p.isReceipt(), p.getC_BPartner_ID(), p.getC_Invoice_ID(),
                p.getPayAmt(), p.getCurrencyISO(), p.getDocStatus(), p.isApproved(), p.isOnline(), p.getR_Result(),
                p.getR_RespMsg(), p.getR_PnRef());
    }

    private static Optional<MPayment> byUuid(String uu, String trxName) {
        int id = DB.getSQLValueEx(trxName, "SELECT C_Payment_ID FROM C_Payment WHERE AD_Client_ID=? AND C_Payment_UU=?",
                Env.getAD_Client_ID(ctx()), uu);
        return id > 0 ? Optional.of(new MPayment(ctx(), id, trxName)) : Optional.empty();
    }

    @Override
    public Optional<ChargeResult> status(String idempotencyKey) {
        String uu = PaymentAnswers.uuidOf(idempotencyKey);
        return PaymentTrx.inOwnTrx(trxName -> {
            Optional<MPayment> p = byUuid(uu, trxName);
            if (p.isEmpty()) {
                return Optional.<ChargeResult>empty();
            }
            PaymentAnswers.Found f = found(p.get());
            return Optional.of(f.approved() && !f.completed() ? complete(p.get(), trxName) : PaymentAnswers.state(f));
        });
    }
}
