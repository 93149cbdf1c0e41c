package org.idempiere.subscription.sandbox.internal.host;

import java.util.List;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.MailFailure;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.OutgoingMail;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The reference host's mail server: it accepts a message for a well-formed address and keeps it
 * in its mail drop ({@code sbx_mail}, committed at once, like a mail server that has accepted a
 * message), refuses a malformed address for good, and refuses everything for now while it is
 * switched offline ({@code POST /sandbox/mail-server}), as a mail server that is down would.
 * At most one attachment is kept per message.
 */
@Component(service = {Mailer.class, ReferenceMailer.class})
public final class ReferenceMailer implements Mailer {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private final HostContext host;
    private volatile boolean offline;

    @Activate
    public ReferenceMailer(@Reference HostContext host) {
        this.host = host;
    }

    @Override
    public void send(OutgoingMail mail) {
        if (!ADDRESS.matcher(mail.to()).matches()) {
            throw new MailFailure("Invalid address \"" + mail.to() + "\": refused by the mail server", true);
        }
        if (offline) {
            throw new MailFailure("Mail server unavailable (the sandbox's mail server is offline)", false);
        }
        List<OutgoingMail.Attachment> files = mail.attachments();
        OutgoingMail.Attachment file = files.isEmpty() ? null : files.get(0);
        host.inTransaction(tx -> Rows.update(tx.connection(), "INSERT INTO sbx_mail (sbx_mail_id, ad_client_id, mail_to, subject,"
                + " body, attachment_name, attachment_type, attachment, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Rows.nextId(tx.connection()), ReferenceHostContext.current().clientId(), mail.to(), mail.subject(), mail.body(),
                file == null ? null : file.name(), file == null ? null : file.mimeType(), file == null ? null : file.content(),
                java.sql.Timestamp.from(host.clock().instant())));
    }

    /** Switches the mail server off (every message refused for now) or on again. */
    public void setOffline(boolean offline) {
        this.offline = offline;
    }

    /** @return whether the mail server is off */
    public boolean isOffline() {
        return offline;
    }

    /** A message in the mail drop. */
    public record Sent(long id, String to, String subject, String body, String attachmentName, String attachmentType,
            byte[] attachment, java.time.Instant sentAt) {
    }

    /** @return the messages sent, oldest first */
    public List<Sent> mails() {
        return host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT sbx_mail_id, mail_to, subject, body, attachment_name,"
                + " attachment_type, attachment, sent_at FROM sbx_mail WHERE ad_client_id = ? ORDER BY sbx_mail_id",
                rs -> new Sent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBytes(7), rs.getTimestamp(8).toInstant()), ReferenceHostContext.current().clientId()));
    }
}
