package de.dvc.iam.core.registration;

import de.dvc.iam.core.profile.AttributeProfiles;
import org.junit.jupiter.api.Test;
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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;


import static org.assertj.core.api.Assertions.assertThat;

class SamlMetadataValidatorTest {

    private static final KeyPair P256 = TestKeys.ec("secp256r1");
    private static final KeyPair RSA_3072 = TestKeys.rsa(3072);
    private final SamlMetadataValidator validator = new SamlMetadataValidator(TestSchemas.samlMetadata());

    private static SamlMetadataValidator.Context context() {
        return new SamlMetadataValidator.Context(Instant.now(), id -> false, null, null);
    }

    private ValidationReport report(TestMetadata metadata) {
        return validator.validate(metadata.bytes(), context()).report();
    }

    private static TestMetadata good() {
        return new TestMetadata(TestKeys.good(P256));
    }

    @Test
    void acceptsGoodMetadataWithoutFindings() {
        SamlMetadataValidator.Result result = validator.validate(good().bytes(), context());

        assertThat(result.report().findings()).isEmpty();
        assertThat(result.report().valid()).isTrue();
        assertThat(result.entityIds()).containsExactly("https://idp.senfin.berlin.example/idp/shibboleth");
        assertThat(result.signingCertificates()).hasSize(1);
        assertThat(new TestMetadata(TestKeys.good(RSA_3072)).bytes()).satisfies(xml ->
                assertThat(validator.validate(xml, context()).report().findings()).isEmpty());
    }

    @Test
    void judgesKeysAndAlgorithmsPerBsiTr02102() {
        assertThat(report(new TestMetadata(TestKeys.good(TestKeys.rsa(2048)))).findings())
                .extracting(Finding::code, Finding::severity).containsExactly(org.assertj.core.groups.Tuple.tuple("key_rsa_2048", Finding.Severity.WARNING));
        ValidationReport rsa1024 = report(new TestMetadata(TestKeys.good(TestKeys.rsa(1024))));
        assertThat(rsa1024.valid()).isFalse();
        assertThat(rsa1024.has("key_too_weak")).isTrue();
        ValidationReport sha1 = report(new TestMetadata(TestKeys.certificate(RSA_3072, "SHA1withRSA",
                Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365))));
        assertThat(sha1.has("weak_signature_algorithm")).isTrue();
        assertThat(sha1.valid()).isFalse();
    }

    @Test
    void judgesCertificateValidity() {
        ValidationReport expired = report(new TestMetadata(TestKeys.certificate(P256, "SHA256withECDSA",
                Instant.now().minus(Duration.ofDays(400)), Duration.ofDays(365))));
        ValidationReport soon = report(new TestMetadata(TestKeys.certificate(P256, "SHA256withECDSA",
                Instant.now().minus(Duration.ofDays(355)), Duration.ofDays(365))));
        TestMetadata expiredEncryption = good();
        expiredEncryption.encryption = TestKeys.certificate(RSA_3072, "SHA256withRSA", Instant.now().minus(Duration.ofDays(40)), Duration.ofDays(10));

        assertThat(expired.has("certificate_expired")).isTrue();
        assertThat(expired.valid()).isFalse();
        assertThat(soon.has("certificate_expires_soon")).isTrue();
        assertThat(soon.valid()).as("a warning does not block").isTrue();
        assertThat(report(expiredEncryption).has("certificate_expired")).isTrue();
    }

    @Test
    void refusesDoctypesSoNoXxeOrEntityExpansion() {
        TestMetadata xxe = good();
        xxe.prolog = "<?xml version=\"1.0\"?><!DOCTYPE md:EntityDescriptor [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
        xxe.entityId = "https://idp.example/&xxe;";
        TestMetadata laughs = good();
        laughs.prolog = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        laughs.entityId = "https://idp.example/&lol3;";

        for (TestMetadata attack : List.of(xxe, laughs)) {
            SamlMetadataValidator.Result result = validator.validate(attack.bytes(), context());
            assertThat(result.report().findings()).extracting(Finding::code).containsExactly("xml_doctype");
            assertThat(result.entityIds()).isEmpty();
        }
    }

    @Test
    void namesWhatIsWrongWithTheDocumentItself() {
        assertThat(validator.validate("<md:EntityDescriptor".getBytes(StandardCharsets.UTF_8), context()).report()
                .findings()).extracting(Finding::code).containsExactly("xml_malformed");
        assertThat(validator.validate("<html/>".getBytes(StandardCharsets.UTF_8), context()).report()
                .findings()).extracting(Finding::code).containsExactly("not_saml_metadata");
    }

    @Test
    void checksEntityIdEndpointsRoleAndValidUntil() {
        TestMetadata http = good();
        http.ssoLocation = "http://idp.senfin.berlin.example/sso";
        TestMetadata noEntityId = good();
        noEntityId.entityId = "";
        TestMetadata expired = good();
        expired.validUntil = "2020-01-01T00:00:00Z";
        TestMetadata saml1 = good();
        saml1.protocols = "urn:oasis:names:tc:SAML:1.1:protocol";
        TestMetadata unsigned = good();
        unsigned.signing = null;

        assertThat(report(http).findings()).extracting(Finding::code).contains("endpoint_not_https", "no_sso_endpoint");
        assertThat(report(noEntityId).has("entity_id_missing")).isTrue();
        assertThat(report(expired).has("metadata_expired")).isTrue();
        assertThat(report(saml1).has("no_saml2")).isTrue();
        assertThat(report(unsigned).has("no_signing_certificate")).isTrue();
        assertThat(validator.validate(good().bytes(), new SamlMetadataValidator.Context(Instant.now(),
                "https://idp.senfin.berlin.example/idp/shibboleth"::equals, null, null)).report().has("entity_id_taken")).isTrue();
    }

    @Test
    void warnsWhenDeclaredAttributesLackWhatTheProfileRequires() {
        TestMetadata declared = good();
        declared.attributes = "<saml:Attribute Name=\"urn:oid:2.5.4.42\" FriendlyName=\"givenName\"/>"
                + "<saml:Attribute Name=\"urn:oid:2.5.4.4\" FriendlyName=\"sn\"/>";

        ValidationReport report = validator.validate(declared.bytes(), new SamlMetadataValidator.Context(Instant.now(), id -> false,
                null, AttributeProfiles.SAML_OID)).report();

        assertThat(report.findings()).extracting(Finding::code).containsExactly("attribute_not_offered");
        assertThat(report.findings().get(0).message()).contains("email");
        assertThat(report.valid()).isTrue();
    }

    @Test
    void verifiesSignedMetadataAgainstTheAnchor() throws Exception {
        KeyPair anchor = TestKeys.rsa(3072);
        byte[] signed = sign(good().entityXml(), anchor, SignatureMethod.RSA_SHA256, DigestMethod.SHA256, "#_metadata");

        assertThat(check(signed, anchor.getPublic()).findings()).isEmpty();
        String tampered = new String(signed, StandardCharsets.UTF_8).replace("Redirect/SSO", "Redirect/SSO-evil");
        assertThat(check(tampered.getBytes(StandardCharsets.UTF_8), anchor.getPublic()).has("signature_invalid")).isTrue();
        assertThat(check(signed, TestKeys.rsa(3072).getPublic()).has("signature_invalid")).as("another key").isTrue();
        assertThat(check(good().bytes(), anchor.getPublic()).has("metadata_unsigned")).isTrue();
        byte[] sha1 = sign(good().entityXml(), anchor, "http://www.w3.org/2000/09/xmldsig#rsa-sha1", DigestMethod.SHA1, "#_metadata");
        assertThat(check(sha1, anchor.getPublic()).has("weak_signature_algorithm")).isTrue();
    }

    private ValidationReport check(byte[] xml, PublicKey anchor) {
        return validator.validate(xml, new SamlMetadataValidator.Context(Instant.now(), id -> false, anchor, null)).report();
    }

    /** An enveloped signature over the root, as a federation signs its metadata. */
    private static byte[] sign(String xml, KeyPair keys, String signatureMethod, String digestMethod, String uri) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        root.setIdAttribute("ID", true);
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        Reference reference = signatures.newReference(uri, signatures.newDigestMethod(digestMethod, null),
                List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo info = signatures.newSignedInfo(signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                (C14NMethodParameterSpec) null), signatures.newSignatureMethod(signatureMethod, null), List.of(reference));
        DOMSignContext context = new DOMSignContext(keys.getPrivate(), root, root.getFirstChild());
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.FALSE);
        signatures.newXMLSignature(info, null).sign(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toByteArray();
    }


    @Test
    void metadataAgainstTheOasisSchemaIsCheckedAndEachErrorNamed() {
        // A misspelt attribute: the endpoint has no Binding.
        ValidationReport report = validator.validate(new String(good().bytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("<md:SingleSignOnService Binding=", "<md:SingleSignOnService Bindung=").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                context()).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.code().equals("schema_invalid")).extracting(Finding::message)
                .anyMatch(m -> m.contains("Binding") && m.contains("SingleSignOnService"));

        TestMetadata misordered = good();
        misordered.attributes = "<md:KeyDescriptor use=\"signing\"/>"; // a KeyDescriptor after the endpoints
        assertThat(validator.validate(misordered.bytes(), context()).report().findings()).extracting(Finding::code).contains("schema_invalid");
    }

    @Test
    void manySchemaErrorsAreCappedWithACount() {
        StringBuilder entities = new StringBuilder("<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">");
        for (int i = 0; i < 8; i++) {
            TestMetadata entity = good();
            entity.entityId = "https://idp" + i + ".example/idp";
            entities.append(entity.entityXml().replace("<md:SingleSignOnService Binding=", "<md:SingleSignOnService Bindung="));
        }
        entities.append("</md:EntitiesDescriptor>");
        ValidationReport report = validator.validate(entities.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), context()).report();
        assertThat(report.findings()).filteredOn(f -> f.code().equals("schema_invalid")).hasSize(6)
                .last().extracting(Finding::message).asString().contains("more schema errors");
    }

    @Test
    void withoutTheSchemaEveryValidationFailsClosed() {
        ValidationReport report = new SamlMetadataValidator(null).validate(good().bytes(), context()).report();
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).extracting(Finding::code).containsExactly("schema_unavailable");
    }

    @Test
    void aRegistrationTakesOneEntityAndKeepsItsEntityId() {
        SamlMetadataValidator.Result one = validator.validate(good().bytes(), context());
        assertThat(one.oneEntity(null)).isEmpty();
        assertThat(one.oneEntity("https://idp.senfin.berlin.example/idp/shibboleth")).isEmpty();
        assertThat(one.oneEntity("https://other.example/idp")).extracting(Finding::code).containsExactly("entity_id_changed");

        TestMetadata second = good();
        second.entityId = "https://idp2.senfin.berlin.example/idp";
        byte[] aggregate = ("<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">" + good().entityXml()
                + second.entityXml() + "</md:EntitiesDescriptor>").getBytes(StandardCharsets.UTF_8);
        assertThat(validator.validate(aggregate, context()).oneEntity(null)).extracting(Finding::code).containsExactly("aggregate_not_accepted");
    }
}
