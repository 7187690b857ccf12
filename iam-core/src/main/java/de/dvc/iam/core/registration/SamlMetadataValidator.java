package de.dvc.iam.core.registration;

import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.ContractAttribute;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Validates an agency's SAML 2.0 IdP metadata (one {@code EntityDescriptor}) or an aggregate
 * ({@code EntitiesDescriptor}) before anything is created from it: secure parsing (no DOCTYPE),
 * entityID (present, an absolute URI, unique in the federation), {@code validUntil}, an IdP role with
 * HTTPS single sign-on endpoints, signing certificates (validity, key strength, algorithms per BSI
 * TR-02102-1), encryption certificates, the metadata signature where a signing anchor is configured,
 * and whether the attributes the IdP's profile requires are offered where the metadata declares any.
 *
 * <p>Stateless and thread-safe.
 */
public final class SamlMetadataValidator {

    /** Certificates expiring sooner than this get a warning (report, refresh events). */
    public static final java.time.Duration CERTIFICATE_EXPIRY_WARNING = CertificateCheck.EXPIRY_WARNING;

    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final Set<String> SSO_BINDINGS = Set.of("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
            "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect");

    /**
     * What the validator is told about the federation.
     *
     * @param now            the time to check validity against
     * @param entityIdTaken  whether another registration already uses an entityID
     * @param signingAnchor  the key the federation trusts for signed metadata, or null if none is configured
     * @param profile        the attribute profile the IdP will use, or null
     * @param insecureHosts  hosts whose plain http:// endpoints are accepted with a warning: the demo's and
     *                       the tests' localhost, never in production (empty by default)
     */
    public record Context(Instant now, Predicate<String> entityIdTaken, PublicKey signingAnchor, AttributeProfile profile,
                          Set<String> insecureHosts) {
        public Context(Instant now, Predicate<String> entityIdTaken, PublicKey signingAnchor, AttributeProfile profile) {
            this(now, entityIdTaken, signingAnchor, profile, Set.of());
        }
    }

    /**
     * The report, and what the metadata says where it is valid enough to tell.
     *
     * @param entityIds           the entityIDs found (one for a single IdP)
     * @param signingCertificates the signing certificates of the (first) IdP
     * @param stableUntil         the report holds for every check time before this instant: the earliest time after
     *                            the check's {@code now} at which a time-dependent check (validUntil, a certificate's
     *                            validity or expiry warning) would answer differently; {@link Instant#MAX} if none would
     */
    public record Result(ValidationReport report, List<String> entityIds, List<X509Certificate> signingCertificates,
                         Instant stableUntil) {

        /**
         * What a registration adds: its metadata describes exactly one IdP and, for new metadata of an existing
         * registration, the same entityID (a new entityID is a new IdP).
         *
         * @param registeredEntityId the registration's entityID, or {@code null} for a new registration
         */
        public List<Finding> oneEntity(String registeredEntityId) {
            if (entityIds.size() > 1) {
                return List.of(Finding.error("aggregate_not_accepted", "The metadata describes " + entityIds.size()
                        + " entities; register one IdP per registration.", "Submit the EntityDescriptor of your IdP only."));
            }
            if (entityIds.size() == 1 && registeredEntityId != null && !registeredEntityId.equals(entityIds.get(0))) {
                return List.of(Finding.error("entity_id_changed", "The metadata is of entityID '" + entityIds.get(0)
                        + "', the registration of '" + registeredEntityId + "'.", "A new entityID is a new IdP: register it as such."));
            }
            return List.of();
        }
    }

    /** At most this many schema errors are reported (the first ones; fixing them often fixes the rest). */
    private static final int MAX_SCHEMA_ERRORS = 5;

    private final javax.xml.validation.Schema schema;

    /**
     * @param schema the SAML 2.0 metadata schema ({@link SamlSchema}); {@code null} only if it could not be
     *               loaded, which makes every validation fail with {@code schema_unavailable} (fail closed)
     */
    public SamlMetadataValidator(javax.xml.validation.Schema schema) {
        this.schema = schema;
    }

    public Result validate(byte[] xml, Context context) {
        List<Finding> findings = new ArrayList<>();
        Document document;
        try {
            document = SecureXml.parse(xml);
        } catch (SecureXml.Refused e) {
            findings.add(e.doctype
                    ? Finding.error("xml_doctype", e.getMessage() + " DTDs are refused (external entities, entity expansion).",
                    "Publish the metadata without a DOCTYPE declaration.")
                    : Finding.error("xml_malformed", e.getMessage(), "Publish well-formed SAML 2.0 metadata (UTF-8 XML)."));
            return new Result(ValidationReport.of(findings), List.of(), List.of(), Instant.MAX);
        }
        Element root = document.getDocumentElement();
        List<Element> entities = new ArrayList<>();
        if (is(root, MD, "EntityDescriptor")) {
            entities.add(root);
        } else if (is(root, MD, "EntitiesDescriptor")) {
            entities.addAll(descendants(root, MD, "EntityDescriptor"));
        } else {
            findings.add(Finding.error("not_saml_metadata", "The document is not SAML 2.0 metadata (root element '"
                    + root.getLocalName() + "').", "Publish an md:EntityDescriptor in namespace " + MD + "."));
            return new Result(ValidationReport.of(findings), List.of(), List.of(), Instant.MAX);
        }
        schemaValid(document, findings);
        Horizon horizon = new Horizon(context.now());
        validUntil(root, horizon, findings);
        MetadataSignature.check(root, context.signingAnchor(), findings);
        List<String> entityIds = new ArrayList<>();
        List<X509Certificate> firstSigning = null;
        Set<String> seen = new HashSet<>();
        for (Element entity : entities) {
            List<X509Certificate> signing = entity(entity, context, horizon, findings, entityIds, seen);
            if (firstSigning == null) {
                firstSigning = signing;
            }
        }
        if (entities.isEmpty()) {
            findings.add(Finding.error("no_entity", "The aggregate contains no EntityDescriptor.", "Publish at least one IdP."));
        }
        return new Result(ValidationReport.of(findings), entityIds, firstSigning == null ? List.of() : firstSigning,
                horizon.earliest());
    }

    /** The OASIS schema: element order, required attributes, types (e.g. a Binding on every endpoint). */
    private void schemaValid(Document document, List<Finding> findings) {
        if (schema == null) {
            findings.add(Finding.error("schema_unavailable", "DVC IAM could not check the metadata against the SAML 2.0 "
                    + "metadata schema.", "This is a fault of DVC IAM, not of your metadata: contact the federation operators."));
            return;
        }
        List<String> errors = new ArrayList<>();
        int[] count = {0};
        javax.xml.validation.Validator validator = schema.newValidator();
        try {
            validator.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                    // warnings (e.g. unknown extension elements in lax wildcards) are no errors
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) {
                    if (count[0]++ < MAX_SCHEMA_ERRORS) {
                        errors.add(e.getMessage());
                    }
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            validator.validate(new javax.xml.transform.dom.DOMSource(document));
        } catch (org.xml.sax.SAXException e) {
            count[0]++;
            errors.add(e.getMessage());
        } catch (java.io.IOException e) {
            count[0]++;
            errors.add("the document could not be read (" + e.getMessage() + ")");
        }
        for (String error : errors) {
            findings.add(Finding.error("schema_invalid", "Not valid against the SAML 2.0 metadata schema: " + error,
                    "Correct the element named (OASIS saml-schema-metadata-2.0.xsd; e.g. xmllint --schema shows every error)."));
        }
        if (count[0] > errors.size()) {
            findings.add(Finding.error("schema_invalid", (count[0] - errors.size()) + " more schema errors.",
                    "Fix the ones above first; the report shows the first " + MAX_SCHEMA_ERRORS + "."));
        }
    }

    private List<X509Certificate> entity(Element entity, Context context, Horizon horizon, List<Finding> findings,
                                         List<String> entityIds, Set<String> seen) {
        String entityId = entity.getAttribute("entityID").trim();
        String label = entityId.isEmpty() ? "An entity" : "Entity '" + abbreviate(entityId) + "'";
        if (entityId.isEmpty()) {
            findings.add(Finding.error("entity_id_missing", "An EntityDescriptor has no entityID.", "Set the entityID attribute."));
        } else {
            entityIds.add(entityId);
            if (!absoluteUri(entityId) || entityId.length() > 1024) {
                findings.add(Finding.error("entity_id_invalid", label + ": the entityID is not an absolute URI of at most 1024 characters.",
                        "Use an https:// URL or URN as entityID (SAML 2.0 metadata, 2.3.2)."));
            }
            if (!seen.add(entityId)) {
                findings.add(Finding.error("entity_id_duplicate", label + " appears more than once.", "Publish each entity once."));
            } else if (context.entityIdTaken() != null && context.entityIdTaken().test(entityId)) {
                findings.add(Finding.error("entity_id_taken", label + " is already registered in the federation.",
                        "Each IdP has one live registration: change the existing one (PUT …/metadata, or a change request), or, if it "
                                + "belongs to someone else, ask the federation operators. A retired registration no longer holds its entityID."));
            }
        }
        if (entity != entity.getOwnerDocument().getDocumentElement()) {
            validUntil(entity, horizon, findings);
        }
        Element idp = children(entity, MD, "IDPSSODescriptor").stream().findFirst().orElse(null);
        if (idp == null) {
            findings.add(Finding.error("no_idp_role", label + " has no IDPSSODescriptor.", "Register the metadata of an identity provider."));
            return List.of();
        }
        if (!List.of(idp.getAttribute("protocolSupportEnumeration").split("\\s+")).contains(SAML2_PROTOCOL)) {
            findings.add(Finding.error("no_saml2", label + ": the IdP does not support SAML 2.0 (protocolSupportEnumeration).",
                    "Add " + SAML2_PROTOCOL + " to protocolSupportEnumeration."));
        }
        endpoints(idp, label, context.insecureHosts(), findings);
        List<X509Certificate> signing = certificates(idp, label, "signing", horizon, findings);
        certificates(idp, label, "encryption", horizon, findings);
        if (signing.isEmpty()) {
            findings.add(Finding.error("no_signing_certificate", label + " names no signing certificate.",
                    "Add a KeyDescriptor use=\"signing\" with the X.509 certificate the IdP signs assertions with."));
        }
        attributes(idp, label, context.profile(), findings);
        return signing;
    }

    private static void endpoints(Element idp, String label, Set<String> insecureHosts, List<Finding> findings) {
        List<Element> sso = children(idp, MD, "SingleSignOnService");
        boolean usable = false;
        Set<String> warned = new HashSet<>();
        for (Element service : sso) {
            String location = service.getAttribute("Location").trim();
            if (insecureAllowed(location, insecureHosts)) {
                if (warned.add(location)) { // one warning per URL, not per binding
                    findings.add(Finding.warning("endpoint_not_https_allowed", label + ": the SingleSignOnService '" + abbreviate(location)
                            + "' is plain http://, accepted only because its host is configured as a demo/test host.",
                            "Never in production: publish HTTPS endpoints."));
                }
                usable |= SSO_BINDINGS.contains(service.getAttribute("Binding"));
            } else if (!location.toLowerCase(java.util.Locale.ROOT).startsWith("https://") || !absoluteUri(location)) {
                findings.add(Finding.error("endpoint_not_https", label + ": the SingleSignOnService '" + abbreviate(location)
                        + "' is not an https:// URL.", "Publish HTTPS endpoints only."));
            } else if (SSO_BINDINGS.contains(service.getAttribute("Binding"))) {
                usable = true;
            }
        }
        if (!usable) {
            findings.add(Finding.error("no_sso_endpoint", label + " has no HTTPS SingleSignOnService with the HTTP-POST or "
                    + "HTTP-Redirect binding.", "Publish a SingleSignOnService for HTTP-POST or HTTP-Redirect."));
        }
        for (Element logout : children(idp, MD, "SingleLogoutService")) {
            String location = logout.getAttribute("Location").trim();
            if (!location.toLowerCase(java.util.Locale.ROOT).startsWith("https://") && !insecureAllowed(location, insecureHosts)) {
                findings.add(Finding.error("endpoint_not_https", label + ": the SingleLogoutService '" + abbreviate(location)
                        + "' is not an https:// URL.", "Publish HTTPS endpoints only."));
            }
        }
        if (!children(idp, MD, "ArtifactResolutionService").isEmpty()) {
            // Never trusted: DVC IAM switches artifact resolution off (BrokerSettings), so the server never calls it.
            findings.add(Finding.warning("artifact_resolution_ignored", label + " lists an ArtifactResolutionService; DVC IAM "
                    + "does not use the artifact binding and will never call it.",
                    "Send responses with the HTTP-POST binding; the ArtifactResolutionService can stay or go."));
        }
    }

    private static List<X509Certificate> certificates(Element idp, String label, String use, Horizon horizon, List<Finding> findings) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element descriptor : children(idp, MD, "KeyDescriptor")) {
            String declared = descriptor.getAttribute("use");
            if (!declared.isEmpty() && !declared.equals(use)) {
                continue;
            }
            for (Element encoded : descendants(descriptor, DS, "X509Certificate")) {
                try {
                    byte[] der = Base64.getMimeDecoder().decode(encoded.getTextContent().trim());
                    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der));
                    certificates.add(certificate);
                    CertificateCheck.check(certificate, use, horizon.now(), f -> findings.add(labelled(f, label)));
                    CertificateCheck.changes(certificate).forEach(horizon::changesAt);
                } catch (IllegalArgumentException | CertificateException e) {
                    findings.add(Finding.error("certificate_unreadable", label + ": a " + use + " certificate is not a readable "
                            + "X.509 certificate.", "Publish the DER certificate, base64-encoded, in ds:X509Certificate."));
                }
            }
        }
        return certificates;
    }

    private static void attributes(Element idp, String label, AttributeProfile profile, List<Finding> findings) {
        List<Element> offered = children(idp, SAML, "Attribute");
        if (profile == null || offered.isEmpty()) {
            return; // attributes need not be declared in metadata; the login will show what is missing
        }
        Set<String> names = new HashSet<>();
        for (Element attribute : offered) {
            names.add(attribute.getAttribute("Name"));
            names.add(attribute.getAttribute("FriendlyName"));
        }
        for (ContractAttribute required : profile.required()) {
            if (profile.sourcesOf(required).stream().noneMatch(names::contains)) {
                findings.add(Finding.warning("attribute_not_offered", label + " declares the attributes it releases, but none "
                        + "for " + required.key() + " (profile " + profile.name() + ": " + String.join(" or ", profile.sourcesOf(required)) + ").",
                        "Release " + required.key() + " to DVC IAM, or choose the profile that matches the IdP's attribute names."));
            }
        }
    }

    private static void validUntil(Element element, Horizon horizon, List<Finding> findings) {
        Instant now = horizon.now();
        String validUntil = element.getAttribute("validUntil").trim();
        if (validUntil.isEmpty()) {
            return;
        }
        try {
            Instant until = java.time.OffsetDateTime.parse(validUntil).toInstant();
            horizon.changesAt(until);
            if (until.isBefore(now)) {
                findings.add(Finding.error("metadata_expired", "The metadata was valid until " + until + ".",
                        "Publish current metadata (a new validUntil)."));
            }
        } catch (DateTimeParseException e) {
            try {
                Instant until = Instant.parse(validUntil.endsWith("Z") ? validUntil : validUntil + "Z");
                horizon.changesAt(until);
                if (until.isBefore(now)) {
                    findings.add(Finding.error("metadata_expired", "The metadata was valid until " + until + ".",
                            "Publish current metadata (a new validUntil)."));
                }
            } catch (DateTimeParseException again) {
                findings.add(Finding.error("valid_until_invalid", "validUntil '" + abbreviate(validUntil) + "' is not an xs:dateTime.",
                        "Write validUntil as e.g. 2027-01-31T00:00:00Z."));
            }
        }
    }

    private static Finding labelled(Finding finding, String label) {
        return finding.message().startsWith("The ") ? new Finding(finding.severity(), finding.code(),
                label + ": " + finding.message().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + finding.message().substring(1),
                finding.fix()) : finding;
    }

    static boolean is(Node node, String namespace, String localName) {
        return node instanceof Element && namespace.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName());
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> result = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (is(child, namespace, localName)) {
                result.add((Element) child);
            }
        }
        return result;
    }

    static List<Element> descendants(Element parent, String namespace, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(namespace, localName);
        List<Element> result = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    private static boolean insecureAllowed(String location, Set<String> insecureHosts) {
        if (insecureHosts.isEmpty() || !location.toLowerCase(java.util.Locale.ROOT).startsWith("http://")) {
            return false;
        }
        try {
            return insecureHosts.contains(URI.create(location).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean absoluteUri(String value) {
        try {
            return URI.create(value).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String abbreviate(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }

    static Optional<Element> firstChild(Element parent, String namespace, String localName) {
        return children(parent, namespace, localName).stream().findFirst();
    }

    /** The earliest instant after the check time at which a time-dependent check of one validation changes its answer. */
    private static final class Horizon {

        private final Instant now;
        private Instant earliest = Instant.MAX;

        Horizon(Instant now) {
            this.now = now;
        }

        Instant now() {
            return now;
        }

        /** A check compares {@code now} with this instant (before it / not before it answer differently). */
        void changesAt(Instant instant) {
            if (instant.isAfter(now) && instant.isBefore(earliest)) {
                earliest = instant;
            }
        }

        Instant earliest() {
            return earliest;
        }
    }
}
