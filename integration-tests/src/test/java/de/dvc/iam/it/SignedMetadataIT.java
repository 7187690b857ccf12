package de.dvc.iam.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dvc.iam.demo.DemoAgencies;
import de.dvc.iam.demo.DemoAgencies.DemoAgency;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.demo.DvcServer;
import de.dvc.iam.demo.Keytool;
import de.dvc.iam.demo.ServerProcess;
import de.dvc.iam.demo.client.BrokeredLogin;
import de.dvc.iam.demo.client.LoginRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federation that accepts only SAML metadata signed by its signing anchor (server option
 * {@code metadata-signing-anchor}, e.g. a state federation's aggregate key): its own server, since the
 * option applies to every SAML registration. Unsigned metadata, metadata signed by another key and
 * metadata changed after signing are refused with the report; metadata signed by the anchor is accepted.
 */
class SignedMetadataIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "changeit";
    private static ServerProcess server;
    private static Keycloak admin;
    private static String serverUrl;
    private static String token;
    private static String descriptor;
    private static Path keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("dvc.work.dir", "target/it-work")));
        Path state = Files.createTempDirectory(work, "signed-");
        keys = state.resolve("keys.p12");
        keytool("-genkeypair", "-alias", "anchor", "-keyalg", "RSA", "-keysize", "3072", "-dname", "CN=Metadata signer of the test federation",
                "-keypass", PASSWORD, "-validity", "2");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "3072", "-dname", "CN=Someone else",
                "-keypass", PASSWORD, "-validity", "2");
        Path anchor = state.resolve("anchor.pem");
        keytool("-exportcert", "-rfc", "-alias", "anchor", "-file", anchor.toString());

        List<String> options = new java.util.ArrayList<>(DvcServer.demoOnlyOptions());
        options.addAll(List.of("--spi-realm-restapi-extension--dvc-registrations--refresh-seconds=0",
                "--spi-realm-restapi-extension--dvc-registrations--metadata-signing-anchor=" + anchor));
        DvcServer dvc = new DvcServer(Path.of(System.getProperty("dvc.server.home")), state, freePort(), freePort(), options);
        server = dvc.start(Duration.ofMinutes(5));
        serverUrl = dvc.url();
        admin = Keycloak.getInstance(serverUrl, "master", DvcServer.ADMIN_USER, DvcServer.ADMIN_PASSWORD, "admin-cli");
        String serviceUrl = "http://localhost:" + freePort(); // never called: logins stop at its redirect URI
        DemoFederation federation = new DemoFederation(admin, serverUrl, serviceUrl);
        federation.apply(); // its settings.yaml names jonas.weber agency admin of bund-bmi
        DemoAgency signedIdp = new DemoAgency(DemoAgencies.BUND_BMI.agency(), "bund-bmi-signed", "bmi.bund.example",
                DemoAgencies.Protocol.SAML, DemoAgencies.BUND_BMI.user(), "saml-oid", "normal", "");
        federation.ensureAgencyIdpRealm(signedIdp);
        LoginRequest request = new LoginRequest(serverUrl, serviceUrl);
        descriptor = request.get(serverUrl + "/realms/" + signedIdp.idpRealm() + "/protocol/saml/descriptor").body();
        token = ApiTokens.deviceGrant(serverUrl, serviceUrl, DemoAgencies.BUND_BMI.user().email(), DemoAgencies.BUND_BMI.user().username());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void onlyMetadataSignedByTheAnchorIsAccepted() throws Exception {
        JsonNode unsigned = submit("bund-bmi-unsigned", descriptor);
        assertThat(codes(unsigned)).contains("metadata_unsigned");

        JsonNode foreign = submit("bund-bmi-foreign", sign(descriptor, "other"));
        assertThat(codes(foreign)).contains("signature_invalid");

        String signed = sign(descriptor, "anchor");
        JsonNode tampered = submit("bund-bmi-tampered", signed.replace("/protocol/saml\"", "/protocol/saml-evil\""));
        assertThat(codes(tampered)).contains("signature_invalid");

        assertThat(admin.realm("dvc").identityProviders().findAll()).extracting(i -> i.getAlias())
                .doesNotContain("bund-bmi-unsigned", "bund-bmi-foreign", "bund-bmi-tampered");

        HttpResponse<String> accepted = post("bund-bmi-signed", signed);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(JSON.readTree(accepted.body()).at("/report/findings")).extracting(f -> f.get("code").asText())
                .doesNotContain("metadata_unsigned", "signature_invalid");
    }

    private JsonNode submit(String alias, String xml) throws Exception {
        HttpResponse<String> response = post(alias, xml);
        assertThat(response.statusCode()).as(alias + ": " + response.body()).isEqualTo(422);
        return JSON.readTree(response.body());
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new java.util.ArrayList<>();
        answer.at("/report/findings").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    private HttpResponse<String> post(String alias, String xml) throws Exception {
        String body = JSON.writeValueAsString(Map.of("agency", "bund-bmi", "alias", alias, "protocol", "saml", "metadataXml", xml,
                "domains", List.of("bmi.bund.example"), "profile", "saml-oid"));
        return http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/realms/dvc/dvc-registrations")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An enveloped RSA-SHA256 signature over the whole EntityDescriptor, as a federation signs its metadata. */
    private static String sign(String xml, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey(alias, PASSWORD.toCharArray());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        root.setAttribute("ID", "_signed");
        root.setIdAttribute("ID", true);
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        Reference reference = signatures.newReference("#_signed", signatures.newDigestMethod(DigestMethod.SHA256, null),
                List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo info = signatures.newSignedInfo(
                signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                signatures.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
        signatures.newXMLSignature(info, null).sign(new DOMSignContext(key, root, root.getFirstChild()));
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }

    /** keytool on the test's key store (PKCS12, one password). */
    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(arguments));
        command.addAll(List.of("-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        Keytool.run(command.toArray(String[]::new));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
