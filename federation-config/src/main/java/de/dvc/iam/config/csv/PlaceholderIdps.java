package de.dvc.iam.config.csv;

import de.dvc.iam.config.validate.SourceFile;
import de.dvc.iam.config.yaml.YamlText;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Demo and test data only ({@code import-csv --placeholder-idps}, {@code ./dvc-fixture}): one SAML IdP per agency with
 * a domain, so that home-IdP discovery lists every agency of the national fixture. Its metadata file (next to the
 * agency file) names {@code https://idp.<domain>/…} endpoints that do not exist and a certificate whose private key was
 * thrown away when it was made: discovery sends users there, nobody can log in through it. Stateless.
 */
final class PlaceholderIdps {

    /** An EC P-256 certificate, valid until 2036-11-28; its key was never kept. */
    private static final String CERTIFICATE = certificate();

    private PlaceholderIdps() {
    }

    /** The lines to append to the agency file of {@code row} (empty if it has no domain), and the metadata file. */
    static List<SourceFile> of(AgencyCsv.Row row, Path agencyFile) {
        if (row.domain().isEmpty()) {
            return List.of();
        }
        Agency agency = row.agency();
        String idps = "idps:\n"
                + "  - alias: " + YamlText.scalar(agency.id()) + "\n"
                + "    displayName: " + YamlText.scalar(agency.name()) + "\n"
                + "    protocol: saml\n"
                + "    # A placeholder (import-csv --placeholder-idps): endpoints that do not exist, nobody logs in through it.\n"
                + "    metadataFile: " + YamlText.scalar(agency.id() + ".xml") + "\n"
                + "    domains:\n"
                + "      - " + YamlText.scalar(row.domain()) + "\n"
                + "    profile: saml-oid\n"
                + "    maxAssurance: normal\n"
                + "    lifecycle: active\n";
        return List.of(new SourceFile(agencyFile, idps), new SourceFile(agencyFile.resolveSibling(agency.id() + ".xml"),
                metadata(row.domain(), agency.id())));
    }

    private static String metadata(String domain, String id) {
        String base = "https://idp." + domain + "/placeholder/" + id;
        String keyInfo = "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + CERTIFICATE + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- A placeholder IdP of dvc-config import-csv (option placeholder-idps): demo and test data, no IdP answers here. -->\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " entityID=\"" + base + "\">\n"
                + "  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\" WantAuthnRequestsSigned=\"true\">\n"
                + "    <md:KeyDescriptor use=\"signing\">" + keyInfo + "</md:KeyDescriptor>\n"
                + "    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"" + base + "/sso\"/>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"" + base + "/sso\"/>\n"
                + "  </md:IDPSSODescriptor>\n"
                + "</md:EntityDescriptor>\n";
    }

    private static String certificate() {
        try (InputStream in = PlaceholderIdps.class.getResourceAsStream("placeholder-signing.pem")) {
            if (in == null) {
                throw new IllegalStateException("placeholder-signing.pem is missing from the dvc-config jar");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
