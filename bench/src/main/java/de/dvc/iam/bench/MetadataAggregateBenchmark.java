package de.dvc.iam.bench;

import de.dvc.iam.core.registration.SamlMetadataValidator;
import de.dvc.iam.core.registration.SamlSchema;
import de.dvc.iam.core.registration.ValidationReport;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Metadata aggregate benchmark (issue: agency self-service): generates an eduGAIN-sized SAML metadata
 * aggregate of {@value #ENTITIES} IdP entities, each with its own real key pair and self-signed
 * certificate (5 of 6 EC P-256, 1 of 6 RSA 2048 from a pool of 20 keys, which the report must warn
 * about), signed as a whole with RSA-3072/SHA-256 as a federation signs its aggregate; then validates
 * it with DVC's {@link SamlMetadataValidator} (OASIS schema, signature against the anchor, every entity
 * and certificate) in a separate JVM limited to 1 GB of heap, and reports the time and the peak heap.
 */
public final class MetadataAggregateBenchmark {

    private static final int ENTITIES = 6000;
    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--validate")) {
            validate(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createDirectories(root.resolve("bench/target"));
        Path aggregate = work.resolve("aggregate-" + ENTITIES + ".xml");
        Path anchor = work.resolve("aggregate-anchor.key");
        if (!Files.exists(aggregate) || !Files.exists(anchor)) {
            long start = System.nanoTime();
            generate(aggregate, anchor);
            System.out.printf("Generated %s (%.1f MB) in %.1f s%n", aggregate, Files.size(aggregate) / 1e6, seconds(start));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                MetadataAggregateBenchmark.class.getName(), "--validate", aggregate.toString(), anchor.toString())
                .inheritIO().start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException("Validation did not finish within 10 minutes.");
        }
        if (child.exitValue() != 0) {
            throw new IllegalStateException("Validation failed (exit " + child.exitValue() + ").");
        }
    }

    private static void validate(Path aggregate, Path anchorFile) throws Exception {
        PublicKey anchor;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(anchorFile))) {
            anchor = (PublicKey) in.readObject();
        }
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        // The schema as the server loads it: Keycloak's keycloak-saml-core on the class path (metadata.sh).
        long loadStart = System.nanoTime();
        SamlMetadataValidator validator = new SamlMetadataValidator(
                SamlSchema.fromKeycloakResources(MetadataAggregateBenchmark.class.getClassLoader()::getResourceAsStream));
        double schemaSeconds = seconds(loadStart);
        long start = System.nanoTime();
        byte[] xml = Files.readAllBytes(aggregate);
        SamlMetadataValidator.Result result = validator.validate(xml,
                new SamlMetadataValidator.Context(Instant.now(), id -> false, anchor, null));
        double seconds = seconds(start);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        ValidationReport report = result.report();
        long warnings = report.findings().stream().filter(f -> f.code().equals("key_rsa_2048")).count();
        String text = String.format("# Metadata aggregate benchmark, %s%n"
                        + "Machine: %d cores, Java %s, -Xmx1g.%n%n"
                        + "| aggregate | entities | size | signature | time | peak heap |%n|---|---|---|---|---|---|%n"
                        + "| generated, real keys (EC P-256, RSA 2048) and certificates | %d | %.1f MB | RSA-3072/SHA-256 over the aggregate, verified; OASIS schema checked | %.1f s | %.0f MB |%n%n"
                        + "Loading the schema (once per server start, not in the time above): %.2f s.%n"
                        + "Report: valid=%s, %d findings (%d RSA-2048 warnings expected), other codes: %s%n"
                        + "Targets: ≤ 20 s, ≤ 1 GB heap (Shibboleth documents ≥ 1.5 GB heap for aggregates over 25 MB).%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), result.entityIds().size(),
                xml.length / 1e6, seconds, peak / 1e6, schemaSeconds, report.valid(), report.findings().size(), warnings,
                report.findings().stream().map(f -> f.code()).filter(c -> !c.equals("key_rsa_2048")).distinct().toList());
        System.out.println(text);
        Files.writeString(aggregate.resolveSibling("metadata-results.md"), text);
        if (!report.valid() || result.entityIds().size() != ENTITIES) {
            throw new IllegalStateException("The generated aggregate should validate: " + report.toText());
        }
    }

    private static void generate(Path aggregate, Path anchorFile) throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair[] rsaPool = new KeyPair[20];
        for (int i = 0; i < rsaPool.length; i++) {
            rsaPool[i] = rsa.generateKeyPair();
        }
        StringBuilder xml = new StringBuilder(32 * 1024 * 1024);
        xml.append("<md:EntitiesDescriptor xmlns:md=\"").append(MD).append("\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" ")
                .append("xmlns:mdui=\"urn:oasis:names:tc:SAML:metadata:ui\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ")
                .append("ID=\"_aggregate\" Name=\"urn:dvc:bench:aggregate\" validUntil=\"")
                .append(Instant.now().plus(Duration.ofDays(14))).append("\">");
        for (int i = 0; i < ENTITIES; i++) {
            KeyPair keys = i % 6 == 5 ? rsaPool[i % rsaPool.length] : ec.generateKeyPair();
            String cert = Base64.getEncoder().encodeToString(certificate(keys, i).getEncoded());
            String host = "idp" + i + ".kommune" + (i % 400) + ".example";
            xml.append("<md:EntityDescriptor entityID=\"https://").append(host).append("/idp/shibboleth\">")
                    .append("<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">")
                    .append("<md:Extensions><mdui:UIInfo><mdui:DisplayName xml:lang=\"de\">Gemeindeverwaltung Nummer ").append(i)
                    .append("</mdui:DisplayName><mdui:Description xml:lang=\"de\">Identitätsprovider der Gemeindeverwaltung ").append(i)
                    .append(" für die Beschäftigten der Verwaltung, ihrer Eigenbetriebe und Zweckverbände.</mdui:Description>")
                    .append("<mdui:DisplayName xml:lang=\"en\">Municipal administration no. ").append(i).append("</mdui:DisplayName>")
                    .append("<mdui:Description xml:lang=\"en\">Identity provider of municipal administration ").append(i)
                    .append(" for the staff of the administration, its municipal enterprises and special-purpose associations.</mdui:Description>")
                    .append("<mdui:InformationURL xml:lang=\"de\">https://www.kommune").append(i % 400).append(".example/it/anmeldung</mdui:InformationURL>")
                    .append("<mdui:PrivacyStatementURL xml:lang=\"de\">https://www.kommune").append(i % 400)
                    .append(".example/datenschutz/identitaetsprovider</mdui:PrivacyStatementURL>")
                    .append("<mdui:Logo height=\"64\" width=\"64\">https://www.kommune").append(i % 400).append(".example/wappen.png</mdui:Logo>")
                    .append("</mdui:UIInfo></md:Extensions>")
                    .append("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>").append(cert)
                    .append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>")
                    .append("<md:KeyDescriptor use=\"encryption\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>").append(cert)
                    .append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>")
                    .append("<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://")
                    .append(host).append("/idp/profile/SAML2/Redirect/SLO\"/>")
                    .append("<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>")
                    .append("<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://")
                    .append(host).append("/idp/profile/SAML2/Redirect/SSO\"/>")
                    .append("<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://")
                    .append(host).append("/idp/profile/SAML2/POST/SSO\"/>")
                    .append("<saml:Attribute Name=\"urn:oid:0.9.2342.19200300.100.1.3\" FriendlyName=\"mail\"/>")
                    .append("<saml:Attribute Name=\"urn:oid:2.5.4.42\" FriendlyName=\"givenName\"/>")
                    .append("<saml:Attribute Name=\"urn:oid:2.5.4.4\" FriendlyName=\"sn\"/>")
                    .append("<saml:Attribute Name=\"urn:oid:1.3.6.1.4.1.5923.1.1.1.6\" FriendlyName=\"eduPersonPrincipalName\"/>")
                    .append("<saml:Attribute Name=\"urn:oid:2.5.4.11\" FriendlyName=\"ou\"/>")
                    .append("</md:IDPSSODescriptor>")
                    .append("<md:Organization><md:OrganizationName xml:lang=\"de\">Gemeinde ").append(i)
                    .append("</md:OrganizationName><md:OrganizationDisplayName xml:lang=\"de\">Gemeinde ").append(i)
                    .append("</md:OrganizationDisplayName><md:OrganizationURL xml:lang=\"de\">https://www.kommune").append(i % 400)
                    .append(".example/</md:OrganizationURL></md:Organization>")
                    .append("<md:ContactPerson contactType=\"technical\"><md:EmailAddress>mailto:it@kommune").append(i % 400)
                    .append(".example</md:EmailAddress></md:ContactPerson>")
                    .append("<md:ContactPerson contactType=\"support\"><md:GivenName>Servicedesk</md:GivenName><md:EmailAddress>mailto:servicedesk@kommune")
                    .append(i % 400).append(".example</md:EmailAddress><md:TelephoneNumber>+49 30 1234").append(i).append("</md:TelephoneNumber></md:ContactPerson>")
                    .append("</md:EntityDescriptor>");
        }
        xml.append("</md:EntitiesDescriptor>");
        KeyPair anchor = generate3072(KeyPairGenerator.getInstance("RSA"));
        Files.write(aggregate, sign(xml.toString(), anchor));
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(anchorFile))) {
            out.writeObject(anchor.getPublic());
        }
    }

    private static KeyPair generate3072(KeyPairGenerator generator) {
        generator.initialize(3072);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair keys, int i) throws Exception {
        X500Name name = new X500Name("CN=idp" + i + ".kommune" + (i % 400) + ".example");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(i + 1L), Date.from(now.minus(Duration.ofDays(30))),
                Date.from(now.plus(Duration.ofDays(730))), name, keys.getPublic());
        String algorithm = keys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    }

    private static byte[] sign(String xml, KeyPair keys) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        root.setIdAttribute("ID", true);
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        Reference reference = signatures.newReference("#_aggregate", signatures.newDigestMethod(DigestMethod.SHA256, null),
                List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo info = signatures.newSignedInfo(signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                (C14NMethodParameterSpec) null), signatures.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
        signatures.newXMLSignature(info, null).sign(new DOMSignContext(keys.getPrivate(), root, root.getFirstChild()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length() + 4096);
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toByteArray();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
