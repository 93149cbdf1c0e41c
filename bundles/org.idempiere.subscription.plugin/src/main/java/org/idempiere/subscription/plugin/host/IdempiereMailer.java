package org.idempiere.subscription.plugin.host;

import org.compiere.model.MClient;
import org.compiere.util.EMail;
import org.compiere.util.Env;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.OutgoingMail;
import org.osgi.service.component.annotations.Component;

/**
 * E-mail through the tenant's mail server: {@code MClient.createEMail} (from the tenant's request
 * e-mail, with its SMTP settings or the {@code AD_SMTP} entry for that address), the attachments
 * added, {@code EMail.send}, whose answer alone decides (it applies the sender's {@code AD_SMTP}
 * record before checking the settings). What a result means: {@link SendResult}.
 */
@Component(service = Mailer.class)
public final class IdempiereMailer implements Mailer {

    @Override
    public void send(OutgoingMail mail) {
        EMail email = MClient.get(Env.getCtx()).createEMail(mail.to(), mail.subject(), mail.body());
        SendResult.prepared(mail.to(), email != null);
        for (OutgoingMail.Attachment a : mail.attachments()) {
            email.addAttachment(a.content(), a.mimeType(), a.name());
        }
        // not email.isValid() first: it ignores the sender's AD_SMTP record, which send() applies
        SendResult.sent(mail.to(), email.send());
    }
}
