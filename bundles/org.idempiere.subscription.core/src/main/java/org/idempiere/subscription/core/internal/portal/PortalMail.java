package org.idempiere.subscription.core.internal.portal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.idempiere.subscription.api.host.OutgoingMail;

/** The e-mail that brings a customer a link to the portal: in Slovak for a Slovak contact, else in English. */
final class PortalMail {
    private static final DateTimeFormatter SK = DateTimeFormatter.ofPattern("d. M. yyyy", Locale.forLanguageTag("sk"));
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private PortalMail() {
    }

    static OutgoingMail message(String to, String language, String name, String url, Instant expiresAt, ZoneId zone) {
        boolean sk = language != null && language.toLowerCase(Locale.ROOT).startsWith("sk");
        String until = (sk ? SK : EN).format(expiresAt.atZone(zone));
        return sk
                ? new OutgoingMail(to, "Váš odkaz na zákaznícky portál",
                        "Dobrý deň" + (name.isBlank() ? "" : ", " + name) + ",\n\n"
                                + "na zákaznícky portál, kde nájdete svoje predplatné, faktúry a platobné metódy, sa dostanete"
                                + " týmto odkazom (bez hesla):\n\n" + url + "\n\n"
                                + "Odkaz platí do " + until + ". Nikomu ho neposielajte: kto ho má, vidí vaše predplatné."
                                + " Ak ste oň nežiadali, správu môžete ignorovať.\n",
                        List.of())
                : new OutgoingMail(to, "Your link to the customer portal",
                        "Hello" + (name.isBlank() ? "" : " " + name) + ",\n\n"
                                + "this link opens the customer portal, with your subscriptions, invoices and payment methods"
                                + " (no password needed):\n\n" + url + "\n\n"
                                + "The link is valid until " + until + ". Do not forward it: whoever has it sees your subscriptions."
                                + " If you did not ask for it, you may ignore this message.\n",
                        List.of());
    }
}
