package de.dvc.iam.keycloak.onboarding;

import de.dvc.iam.core.onboarding.Invitation;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The invitation mail, in German and English, sent through the realm's SMTP settings (Keycloak's mail sender: the
 * same server, TLS and credentials as Keycloak's own mails). Plain text only: nothing an inviter typed is rendered as
 * HTML. Without SMTP settings nothing is sent and the answer says so; the link is then handed over out of band.
 */
final class InvitationMail {

    private static final Logger LOG = Logger.getLogger(InvitationMail.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm z", Locale.GERMANY)
            .withZone(ZoneId.of("Europe/Berlin"));

    /** What became of the mail: {@code sent}, {@code not_configured} (no SMTP server) or {@code failed} (+ why). */
    record Outcome(String code, String detail) {
    }

    private InvitationMail() {
    }

    static Outcome send(KeycloakSession session, Invitation invitation, String agencyName, URI link, String inviter) {
        RealmModel realm = session.getContext().getRealm();
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
            return new Outcome("not_configured", "Realm " + realm.getName() + " has no SMTP server: hand the link over yourself.");
        }
        String expires = DATE.format(invitation.expires());
        String subject = "Einladung: Administration von " + agencyName + " in der DVC IAM / Invitation: administer " + agencyName;
        String text = "Guten Tag " + invitation.name() + ",\n\n"
                + inviter + " lädt Sie ein, " + agencyName + " in der Identitätsföderation der Deutschen Verwaltungscloud (DVC IAM) "
                + "zu administrieren.\n\nÖffnen Sie diesen Link, um Ihr Administrationskonto (Passwort und Authenticator-App) "
                + "einzurichten. Er gilt einmal und bis " + expires + ":\n\n" + link + "\n\n"
                + "Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.\n\n"
                + "----\n\nHello " + invitation.name() + ",\n\n"
                + inviter + " invites you to administer " + agencyName + " in the identity federation of the Deutsche "
                + "Verwaltungscloud (DVC IAM).\n\nOpen this link to set up your admin account (password and authenticator app). "
                + "It works once and until " + expires + ":\n\n" + link + "\n\n"
                + "If you did not expect this invitation, ignore this message.\n";
        try {
            session.getProvider(EmailSenderProvider.class).send(smtp, invitation.email().toString(), subject, text, null);
            return new Outcome("sent", null);
        } catch (EmailException | RuntimeException e) {
            // The address is the invited person's, the reason the SMTP server's: neither is secret; the link is not logged.
            LOG.warnf("Invitation %s: the mail to %s could not be sent (%s).", invitation.id(), invitation.email(), e.getMessage());
            // The caller may be an agency admin: the SMTP server's answer (internal host names) stays in the server's log.
            return new Outcome("failed", "The mail could not be sent (the server log says why): hand the link over yourself, or "
                    + "have the federation operator fix the realm's SMTP settings.");
        }
    }
}
