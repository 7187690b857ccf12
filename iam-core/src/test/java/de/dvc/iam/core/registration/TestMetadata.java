package de.dvc.iam.core.registration;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/** SAML 2.0 IdP metadata as agencies publish it, with the parts a test wants to change. */
final class TestMetadata {

    String entityId = "https://idp.senfin.berlin.example/idp/shibboleth";
    String ssoLocation = "https://idp.senfin.berlin.example/idp/profile/SAML2/Redirect/SSO";
    String validUntil = null;
    String protocols = "urn:oasis:names:tc:SAML:2.0:protocol";
    X509Certificate signing;
    X509Certificate encryption;
    String attributes = "";
    String prolog = "";

    TestMetadata(X509Certificate signing) {
        this.signing = signing;
    }

    String entityXml() {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_metadata\" entityID=\"" + entityId + "\""
                + (validUntil == null ? "" : " validUntil=\"" + validUntil + "\"") + ">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"" + protocols + "\">"
                + (signing == null ? "" : key("signing", signing))
                + (encryption == null ? "" : key("encryption", encryption))
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"" + ssoLocation + "\"/>"
                + attributes
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    byte[] bytes() {
        return (prolog + entityXml()).getBytes(StandardCharsets.UTF_8);
    }

    private static String key(String use, X509Certificate certificate) {
        return "<md:KeyDescriptor use=\"" + use + "\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                + TestKeys.base64(certificate) + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
    }
}
