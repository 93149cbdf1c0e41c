package org.idempiere.subscription.api.host;

import java.util.List;
import java.util.Objects;

/**
 * A message to send.
 *
 * @param to          the recipient's address
 * @param subject     the subject line
 * @param body        plain text
 * @param attachments files sent with it, in order
 */
public record OutgoingMail(String to, String subject, String body, List<Attachment> attachments) {

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        attachments = List.copyOf(attachments);
    }

    /**
     * A file sent with a message.
     *
     * @param name     the file name the recipient sees
     * @param mimeType its content type, e.g. {@code application/pdf}
     * @param content  its bytes
     */
    public record Attachment(String name, String mimeType, byte[] content) {
        public Attachment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mimeType, "mimeType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }
}
