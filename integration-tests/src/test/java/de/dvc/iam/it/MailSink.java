package de.dvc.iam.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.dvc.iam.it.RunningFederation.Federation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** A real SMTP server (GreenMail) on 127.0.0.1 that realm {@code dvc} sends its mail to: invitation mails in the tests. */
final class MailSink {

    private MailSink() {
    }

    /** Starts GreenMail on a free port and makes it realm dvc's SMTP server. */
    static GreenMail startFor(Federation federation) throws java.io.IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation realm = federation.admin().realm("dvc").toRepresentation();
        realm.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(port), "from", "dvc-iam@dvc.example",
                "fromDisplayName", "DVC IAM"));
        federation.admin().realm("dvc").update(realm);
        return smtp;
    }

    /** The decoded text of a mail (Keycloak sends multipart/alternative). */
    static String text(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String string) {
            return string;
        }
        StringBuilder text = new StringBuilder();
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
        }
        return text.toString();
    }
}
