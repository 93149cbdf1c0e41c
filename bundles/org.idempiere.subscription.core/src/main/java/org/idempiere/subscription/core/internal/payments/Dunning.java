package org.idempiere.subscription.core.internal.payments;

import java.util.Locale;
import org.idempiere.subscription.api.PaymentStatus;
import org.idempiere.subscription.api.host.OutgoingMail;
import org.idempiere.subscription.api.service.PaymentAttempt;

/**
 * The message a customer gets when a charge of their invoice fails or they have no usable payment
 * method: in Slovak for a Slovak customer, else in English, with a link to the portal's payment
 * methods when the host knows the portal's address. A failure's notice says it is tried again only
 * when a retry is scheduled (not after the last retry, nor once the subscription closed). Plain values.
 */
final class Dunning {
    private Dunning() {
    }

    static OutgoingMail message(String to, String language, String invoiceNo, String subscriptionNo, PaymentAttempt a,
            boolean retryFollows, java.util.Optional<String> methodsLink) {
        boolean sk = language != null && language.toLowerCase(Locale.ROOT).startsWith("sk");
        String link = methodsLink.map(l -> sk ? "\nPlatobnú metódu pridáte alebo zmeníte tu (bez hesla):\n" + l + "\n"
                : "\nAdd or update your payment method here (no password needed):\n" + l + "\n").orElse("");
        String amount = a.amount().amount().toPlainString() + " " + a.amount().currency().getCurrencyCode();
        String reason = a.resultCode().orElse(a.resultMessage().orElse(""));
        if (a.status() == PaymentStatus.NO_METHOD) {
            return sk
                    ? new OutgoingMail(to, "Pridajte platobnú metódu pre faktúru " + invoiceNo,
                            "Dobrý deň,\n\nfaktúru " + invoiceNo + " (" + amount + ") k predplatnému " + subscriptionNo
                                    + " sme nemohli strhnúť: nemáte platnú uloženú platobnú metódu.\n"
                                    + "Pridajte prosím kartu alebo mandát na inkaso, alebo faktúru uhraďte prevodom.\n" + link,
                            java.util.List.of())
                    : new OutgoingMail(to, "Please add a payment method for invoice " + invoiceNo,
                            "Hello,\n\nwe could not charge invoice " + invoiceNo + " (" + amount + ") of subscription "
                                    + subscriptionNo + ": you have no valid saved payment method.\n"
                                    + "Please add a card or a direct-debit mandate, or pay the invoice by transfer.\n" + link,
                            java.util.List.of());
        }
        return sk
                ? new OutgoingMail(to, "Platba faktúry " + invoiceNo + " sa nepodarila",
                        "Dobrý deň,\n\nplatbu faktúry " + invoiceNo + " (" + amount + ") k predplatnému " + subscriptionNo
                                + " sa nepodarilo strhnúť (" + reason + ", pokus " + a.attemptNo() + ").\n"
                                + (retryFollows ? "Skúsime to znova; platobnú metódu môžete aktualizovať, alebo faktúru uhradiť prevodom.\n"
                                        : "Ďalší pokus už neurobíme; faktúru prosím uhraďte prevodom alebo nás kontaktujte.\n") + link,
                        java.util.List.of())
                : new OutgoingMail(to, "Payment of invoice " + invoiceNo + " failed",
                        "Hello,\n\nwe could not charge invoice " + invoiceNo + " (" + amount + ") of subscription " + subscriptionNo
                                + " (" + reason + ", attempt " + a.attemptNo() + ").\n"
                                + (retryFollows ? "We will try again; you may update your payment method, or pay the invoice by transfer.\n"
                                        : "We will not try again; please pay the invoice by transfer or contact us.\n") + link,
                        java.util.List.of());
    }
}
