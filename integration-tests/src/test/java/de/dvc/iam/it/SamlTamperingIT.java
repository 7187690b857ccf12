package de.dvc.iam.it;

import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.BrokeredLogin.Outcome;
import de.dvc.iam.demo.client.LoginRequest;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile party between the agency's SAML IdP and DVC IAM (or a hostile IdP) changes a real, signed
 * response of the demo SenFin IdP on its way to the broker endpoint. Every variant is refused: no code
 * for the service, no SSO session, no user, no federated link, no request to an internal address.
 */
@ExtendWith(RunningFederation.class)
class SamlTamperingIT {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    private static final String IDP = "berlin-senfin";

    private final Federation federation;

    SamlTamperingIT(Federation federation) {
        this.federation = federation;
    }

    @Test
    void theUntouchedResponseLogsIn() throws Exception {
        assertThat(login(UnaryOperator.identity()).succeeded()).as("the capture itself works").isTrue();
    }

    @Test
    void aChangedAttributeBreaksTheSignature() throws Exception {
        assertRefused(xml -> xml.replace("anna.schmidt@senfin.berlin.example", "mallory@senfin.berlin.example"));
    }

    @Test
    void removedSignaturesAreRefused() throws Exception {
        assertRefused(xml -> {
            Document doc = parse(xml);
            NodeList signatures = doc.getElementsByTagNameNS(DSIG, "Signature");
            for (int i = signatures.getLength() - 1; i >= 0; i--) {
                signatures.item(i).getParentNode().removeChild(signatures.item(i));
            }
            return text(doc.getDocumentElement());
        });
    }

    @Test
    void aWrappedSecondAssertionIsRefused() throws Exception {
        // XSW: an unsigned copy of the assertion naming another person, placed before the signed original.
        assertRefused(xml -> {
            Document doc = parse(xml);
            Element original = (Element) doc.getElementsByTagNameNS(SAML, "Assertion").item(0);
            Element evil = (Element) original.cloneNode(true);
            evil.setAttribute("ID", "_evil");
            NodeList signatures = evil.getElementsByTagNameNS(DSIG, "Signature");
            for (int i = signatures.getLength() - 1; i >= 0; i--) {
                signatures.item(i).getParentNode().removeChild(signatures.item(i));
            }
            Node nameId = evil.getElementsByTagNameNS(SAML, "NameID").item(0);
            nameId.setTextContent("G-evil-subject");
            original.getParentNode().insertBefore(evil, original);
            return text(doc.getDocumentElement());
        });
    }

    @Test
    void aWrappedAssertionInsideTheSignatureObjectIsRefused() throws Exception {
        assertRefused(xml -> {
            Document doc = parse(xml);
            Element original = (Element) doc.getElementsByTagNameNS(SAML, "Assertion").item(0);
            Element evil = (Element) original.cloneNode(true);
            Node nameId = evil.getElementsByTagNameNS(SAML, "NameID").item(0);
            nameId.setTextContent("G-evil-subject");
            Element signature = (Element) doc.getDocumentElement().getElementsByTagNameNS(DSIG, "Signature").item(0);
            Element object = doc.createElementNS(DSIG, "ds:Object");
            object.appendChild(original.cloneNode(true));
            signature.appendChild(object);
            original.getParentNode().replaceChild(evil, original);
            return text(doc.getDocumentElement());
        });
    }

    @Test
    void anotherDestinationOrAudienceIsRefused() throws Exception {
        assertRefused(xml -> xml.replace("/realms/dvc/broker/" + IDP + "/endpoint\"", "/realms/dvc/broker/other/endpoint\""));
        assertRefused(xml -> xml.replaceAll("(<(\\w+:)?Audience>)[^<]*(</)", "$1https://evil.example$3"));
    }

    @Test
    void anExternalEntityIsNeverResolved() throws Exception {
        try (Canary canary = new Canary()) {
            assertRefused(xml -> "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:" + canary.port()
                    + "/xxe\">]>" + xml.replaceFirst("<\\?xml[^>]*\\?>", "").replaceFirst("(<(\\w+:)?NameID[^>]*>)", "$1&x;"));
            assertThat(canary.connections()).as("no request to the internal address").isZero();
        }
    }

    @Test
    void aReplayedResponseIsRefused() throws Exception {
        AtomicReference<Map<String, String>> captured = new AtomicReference<>();
        BrokeredLogin first = browser();
        first.interceptSamlResponses(form -> {
            captured.set(new LinkedHashMap<>(form));
            return form;
        });
        assertThat(first.login(IDP, "anna.schmidt", "demo", Map.of()).succeeded()).isTrue();

        // The same response, posted again by another browser (the attacker's).
        BrokeredLogin attacker = browser();
        long users = federation.admin().realm("dvc").users().count();
        LoginRequest request = attacker.request();
        var response = request.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        federation.serverUrl() + "/realms/dvc/broker/" + IDP + "/endpoint"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(LoginRequest.encode(captured.get()))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Outcome replay = attacker.follow(response, federation.serverUrl() + "/realms/dvc/broker/" + IDP + "/endpoint");
        assertThat(replay.succeeded()).isFalse();
        assertThat(attacker.request().cookies().hasSessionCookie()).isFalse();
        assertThat(federation.admin().realm("dvc").users().count()).isEqualTo(users);
    }

    private void assertRefused(UnaryOperator<String> tamper) throws Exception {
        long users = federation.admin().realm("dvc").users().count();
        BrokeredLogin browser = browser();
        browser.interceptSamlResponses(form -> {
            Map<String, String> changed = new LinkedHashMap<>(form);
            String xml = new String(Base64.getMimeDecoder().decode(form.get("SAMLResponse")), StandardCharsets.UTF_8);
            changed.put("SAMLResponse", Base64.getEncoder().encodeToString(tamper.apply(xml).getBytes(StandardCharsets.UTF_8)));
            return changed;
        });
        // A fresh person each time, so "no user created" is visible.
        Outcome outcome = browser.login(IDP, "anna.schmidt", "demo", Map.of());
        assertThat(outcome.succeeded()).as("no code for the service").isFalse();
        assertThat(outcome.status()).as("refused, not a success page").isGreaterThanOrEqualTo(400);
        assertThat(outcome.body()).doesNotContain("Exception", "at org.");
        assertThat(browser.request().cookies().hasSessionCookie()).as("no SSO session").isFalse();
        assertThat(federation.admin().realm("dvc").users().count()).as("no user, no link").isEqualTo(users);
    }

    private Outcome login(UnaryOperator<Map<String, String>> interceptor) throws Exception {
        BrokeredLogin browser = browser();
        browser.interceptSamlResponses(interceptor);
        return browser.login(IDP, "anna.schmidt", "demo", Map.of());
    }

    private BrokeredLogin browser() {
        return new BrokeredLogin(new LoginRequest(federation.serverUrl(), federation.serviceUrl()).as(DemoFederation.DEMO_CLIENT_ID),
                federation.serverUrl());
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Element element) {
        try {
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty("omit-xml-declaration", "yes");
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
