package de.dvc.iam.core.registration;

import org.w3c.dom.Element;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the XML signature over metadata with the federation's signing anchor (JDK XML DSig,
 * secure validation on). The signature must be an enveloped child of the root and its one reference
 * must cover the root (by its ID or the whole document), so a signed fragment cannot vouch for
 * injected content (signature wrapping). SHA-1 based algorithms are refused (BSI TR-02102-1).
 */
final class MetadataSignature {

    private MetadataSignature() {
    }

    static void check(Element root, PublicKey anchor, List<Finding> findings) {
        Optional<Element> signature = SamlMetadataValidator.firstChild(root, SamlMetadataValidator.DS, "Signature");
        if (anchor == null) {
            return; // no anchor configured: the metadata's authenticity rests on the HTTPS fetch and the operator's approval
        }
        if (signature.isEmpty()) {
            findings.add(Finding.error("metadata_unsigned", "The metadata is not signed, but the federation requires signed metadata.",
                    "Publish metadata signed with the key registered as signing anchor."));
            return;
        }
        // Read the algorithms from the DOM first: the JDK's secure validation refuses SHA-1 with a bare exception.
        boolean weak = SamlMetadataValidator.descendants(signature.get(), SamlMetadataValidator.DS, "SignatureMethod").stream()
                .map(e -> e.getAttribute("Algorithm")).anyMatch(CertificateCheck.WEAK_XML_SIGNATURE_ALGORITHMS::contains)
                || SamlMetadataValidator.descendants(signature.get(), SamlMetadataValidator.DS, "DigestMethod").stream()
                .map(e -> e.getAttribute("Algorithm")).anyMatch(CertificateCheck.WEAK_XML_SIGNATURE_ALGORITHMS::contains);
        if (weak) {
            findings.add(Finding.error("weak_signature_algorithm", "The metadata signature uses SHA-1.",
                    "Sign with RSA-SHA256 (or ECDSA-SHA256) and SHA-256 digests."));
            return;
        }
        String id = root.getAttribute("ID");
        if (!id.isEmpty()) {
            root.setIdAttribute("ID", true);
        }
        try {
            DOMValidateContext context = new DOMValidateContext(anchor, signature.get());
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature xmlSignature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            @SuppressWarnings("unchecked")
            List<Reference> references = xmlSignature.getSignedInfo().getReferences();
            boolean coversRoot = references.size() == 1 && (references.get(0).getURI().isEmpty()
                    || (!id.isEmpty() && references.get(0).getURI().equals("#" + id)));
            if (!coversRoot) {
                findings.add(Finding.error("signature_not_over_metadata", "The metadata signature does not cover the whole metadata.",
                        "Sign the root element (one reference to its ID or to the document)."));
                return;
            }
            if (!xmlSignature.validate(context)) {
                findings.add(Finding.error("signature_invalid", "The metadata signature does not verify with the federation's "
                        + "signing anchor (changed content or another key).", "Publish the metadata as signed, unchanged, with the registered key."));
            }
        } catch (MarshalException | XMLSignatureException | RuntimeException e) {
            findings.add(Finding.error("signature_invalid", "The metadata signature cannot be read or verified.",
                    "Publish a standard enveloped XML signature (RSA-SHA256, exclusive C14N)."));
        }
    }
}
