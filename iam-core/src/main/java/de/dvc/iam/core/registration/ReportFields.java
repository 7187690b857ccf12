package de.dvc.iam.core.registration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The errors of a validation report by the field of the registration request they are about, so a form can show each
 * at its field: domain findings at {@code domains}, the attribute profile's at {@code profile}, everything else (the
 * metadata or the provider's discovery document, its endpoints, keys and certificates) at the field that named the
 * source: {@code metadataUrl} or {@code metadataXml} for SAML, {@code issuer} for OIDC, {@code directory} for an agency
 * directory. Several findings at one field
 * are joined, each with its fix.
 */
public final class ReportFields {

    private ReportFields() {
    }

    /**
     * @param protocol       {@code saml}, {@code oidc} or {@code ldap} (anything else: only domain and profile findings
     *                       have a field, e.g. a change request's)
     * @param sourceIsUrl    for SAML: the metadata came by URL (else as a file)
     */
    public static Map<String, String> of(ValidationReport report, String protocol, boolean sourceIsUrl) {
        String source = switch (protocol) {
            case "oidc" -> "issuer";
            case "ldap" -> "directory";
            case "saml" -> sourceIsUrl ? "metadataUrl" : "metadataXml";
            default -> null;
        };
        Map<String, String> fields = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            if (finding.severity() != Finding.Severity.ERROR) {
                continue;
            }
            String field = finding.code().startsWith("domain_") ? "domains" : finding.code().startsWith("profile_") ? "profile" : source;
            if (field == null) {
                continue;
            }
            String text = finding.message() + (finding.fix().isBlank() ? "" : " " + finding.fix());
            fields.merge(field, text, (a, b) -> a + " " + b);
        }
        return fields;
    }
}
