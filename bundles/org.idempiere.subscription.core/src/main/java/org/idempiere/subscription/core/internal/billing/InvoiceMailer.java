package org.idempiere.subscription.core.internal.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Invoicing;
import org.idempiere.subscription.api.host.InvoiceView;
import org.idempiere.subscription.api.host.MailFailure;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.OutgoingMail;
import org.idempiere.subscription.core.internal.store.InvoiceMailStore;

/**
 * Sends the invoice e-mail outbox: each pending e-mail in a transaction of its own, claimed with
 * {@code SKIP LOCKED} so two servers never send the same one at once, composed in the customer's
 * language with the invoice's PDF, sent, and recorded. Delivery is at least once: a crash between
 * the mail server's acceptance and the commit leaves the e-mail pending, and it is sent again.
 *
 * <p>A failure is recorded with its reason. A passing one (the mail server down) is tried again
 * after 1, 2, 4 and 8 minutes, then the e-mail is FAILED; a customer without an e-mail address or
 * an address the server refuses fails at once.
 */
final class InvoiceMailer {
    /** Attempts before an e-mail that keeps failing is given up. */
    static final int MAX_ATTEMPTS = 5;

    private final HostContext host;
    private final Customers customers;
    private final Invoicing invoicing;
    private final Mailer mailer;
    private final InvoiceMailStore store = new InvoiceMailStore();
    private final org.idempiere.subscription.core.internal.access.LinkIssuer links;

    InvoiceMailer(HostContext host, Customers customers, Invoicing invoicing, Mailer mailer) {
        this.host = host;
        this.links = new org.idempiere.subscription.core.internal.access.LinkIssuer(host);
        this.customers = customers;
        this.invoicing = invoicing;
        this.mailer = mailer;
    }

    /**
     * Sends the due e-mails until none is left that another server does not hold, or until
     * {@code budget} has passed (checked between e-mails; the rest waits for the next call).
     *
     * @return how many e-mails were sent
     */
    int sendDue(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int sent = 0;
        java.util.Set<Long> skipped = new java.util.HashSet<>(); // e-mails whose outcome could not even be recorded
        long[] current = {0};
        while (System.nanoTime() - deadline < 0) {
            Optional<Boolean> one;
            current[0] = 0;
            try {
                one = host.inTransaction(tx -> {
                    Instant now = host.clock().instant();
                    Optional<InvoiceMailStore.Claimed> claimed = store.claimNext(tx.connection(), host.tenant(), now, skipped);
                    if (claimed.isEmpty()) {
                        return Optional.empty();
                    }
                    InvoiceMailStore.Claimed m = claimed.get();
                    current[0] = m.id();
                    java.sql.Savepoint before = tx.connection().setSavepoint();
                    try {
                        return Optional.of(send(tx, m, now));
                    } catch (RuntimeException | java.sql.SQLException e) {
                        // a host failure (the invoice cannot be printed, …) must not block the outbox:
                        // it counts as an attempt, and the e-mail fails for good after the last one
                        tx.connection().rollback(before);
                        retryOrFail(tx.connection(), m, null, String.valueOf(e.getMessage() == null ? e : e.getMessage()), now);
                        return Optional.of(false);
                    }
                });
            } catch (RuntimeException e) {
                if (current[0] == 0) {
                    throw e; // nothing could be claimed (the database): the e-mails stay pending
                }
                skipped.add(current[0]); // not even the failure could be recorded: left for a later call
                continue;
            }
            if (one.isEmpty()) {
                return sent;
            }
            sent += one.get() ? 1 : 0;
        }
        return sent;
    }

    /** Sends one claimed e-mail and records the outcome; @return whether it was sent. */
    private boolean send(org.idempiere.subscription.api.host.Tx tx, InvoiceMailStore.Claimed m, Instant now)
            throws java.sql.SQLException {
        Optional<Customer> customer = customers.find(tx, m.customerId());
        Optional<String> to = customer.flatMap(Customer::email).filter(e -> !e.isBlank());
        if (to.isEmpty()) {
            store.failed(tx.connection(), host.tenant(), m.id(), null, "Customer " + m.customerId()
                    + (customer.isEmpty() ? " is not an active customer" : " has no e-mail address"), null);
            return false;
        }
        Optional<InvoiceView> invoice = invoicing.find(tx, m.invoiceId());
        Optional<byte[]> pdf = invoice.isEmpty() ? Optional.empty() : invoicing.pdf(tx, m.invoiceId());
        if (pdf.isEmpty()) {
            retryOrFail(tx.connection(), m, to.get(), "Invoice " + m.invoiceId() + " could not be printed", now);
            return false;
        }
        try {
            Optional<String> link = links.settings().url().isPresent()
                    ? links.issue(tx, m.customerId(), Optional.empty()).urlTo("invoices") : Optional.empty();
            mailer.send(compose(to.get(), customer.get(), invoice.get(), m.subscriptionNo(), pdf.get(), link));
        } catch (MailFailure f) {
            if (f.permanent()) {
                store.failed(tx.connection(), host.tenant(), m.id(), to.get(), f.getMessage(), null);
            } else {
                retryOrFail(tx.connection(), m, to.get(), f.getMessage(), now);
            }
            return false;
        }
        store.sent(tx.connection(), host.tenant(), m.id(), to.get(), now);
        return true;
    }

    private void retryOrFail(java.sql.Connection c, InvoiceMailStore.Claimed m, String to, String error, Instant now)
            throws java.sql.SQLException {
        int attempt = m.attempts() + 1;
        Instant retryAt = attempt >= MAX_ATTEMPTS ? null : now.plus(Duration.ofMinutes(1L << (attempt - 1)));
        store.failed(c, host.tenant(), m.id(), to, error, retryAt);
    }

    /**
     * The message: subject and text in the customer's language (Slovak for {@code sk*}, else
     * English), the PDF attached, and the link to the customer portal when there is one.
     */
    static OutgoingMail compose(String to, Customer customer, InvoiceView invoice, String subscriptionNo, byte[] pdf,
            Optional<String> portalLink) {
        boolean slovak = customer.language() != null && customer.language().startsWith("sk");
        String amount = invoice.grandTotal().toPlainString() + " " + invoice.currency();
        String subject = (slovak ? "Faktúra " : "Invoice ") + invoice.documentNo();
        String body = slovak
                ? "Dobrý deň " + customer.name() + ",\n\nv prílohe je faktúra " + invoice.documentNo() + " zo dňa "
                        + invoice.dateInvoiced() + " za predplatné " + subscriptionNo + " na sumu " + amount
                        + ".\n\n" + portalLink.map(l -> "Faktúry a predplatné nájdete aj na zákazníckom portáli:\n" + l + "\n\n")
                                .orElse("") + "Ďakujeme.\n"
                : "Dear " + customer.name() + ",\n\nplease find attached invoice " + invoice.documentNo() + " of "
                        + invoice.dateInvoiced() + " for subscription " + subscriptionNo + ", " + amount + ".\n\n"
                        + portalLink.map(l -> "Your invoices and subscriptions are also on the customer portal:\n" + l + "\n\n")
                                .orElse("") + "Thank you.\n";
        return new OutgoingMail(to, subject, body, List.of(new OutgoingMail.Attachment(
                "Invoice_" + invoice.documentNo().replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf", "application/pdf", pdf)));
    }
}
