package de.dvc.iam.core.registration;

import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.util.Map;
import java.util.Set;

/**
 * The OASIS SAML 2.0 metadata schema with what it imports (SAML assertion, XML Signature, XML
 * Encryption, the xml namespace), compiled from XSD documents the caller supplies — in the server
 * those Keycloak ships. Loading never touches the network: imports are answered from the supplied
 * documents by namespace, the schemas' own DTD references with nothing, anything else is refused.
 * The compiled {@link Schema} is immutable and thread-safe.
 */
public final class SamlSchema {

    public static final String METADATA = SamlMetadataValidator.MD;
    public static final String ASSERTION = SamlMetadataValidator.SAML;
    public static final String XMLDSIG = SamlMetadataValidator.DS;
    public static final String XMLENC = "http://www.w3.org/2001/04/xmlenc#";
    /** The schema of {@code xml:lang} and friends. */
    public static final String XML = XMLConstants.XML_NS_URI;

    /** Where Keycloak's {@code keycloak-saml-core} jar (in every server) has the XSD of each namespace. */
    public static final Map<String, String> KEYCLOAK_RESOURCES = Map.of(
            METADATA, "schema/saml/v2/saml-schema-metadata-2.0.xsd",
            ASSERTION, "schema/saml/v2/saml-schema-assertion-2.0.xsd",
            XMLDSIG, "schema/w3c/xmldsig/xmldsig-core-schema.xsd",
            XMLENC, "schema/w3c/xmlenc/xenc-schema.xsd",
            XML, "schema/w3c/xmlschema/xml.xsd");

    /** The namespaces whose XSD {@link #load} needs. */
    public static final Set<String> NAMESPACES = KEYCLOAK_RESOURCES.keySet();

    /** Reads a resource by name, or returns {@code null} if there is none. */
    @FunctionalInterface
    public interface Resources {
        InputStream open(String name) throws java.io.IOException;
    }

    /** The schema from resources laid out as in Keycloak's {@code keycloak-saml-core} jar (e.g. the server's class path). */
    public static Schema fromKeycloakResources(Resources resources) throws SAXException, java.io.IOException {
        Map<String, byte[]> documents = new java.util.HashMap<>();
        for (Map.Entry<String, String> entry : KEYCLOAK_RESOURCES.entrySet()) {
            try (InputStream in = resources.open(entry.getValue())) {
                if (in == null) {
                    throw new SAXException("Keycloak's SAML schema " + entry.getValue() + " is not on the class path.");
                }
                documents.put(entry.getKey(), in.readAllBytes());
            }
        }
        return load(documents);
    }

    /** The schema from a {@code keycloak-saml-core} jar read as a stream (benchmarks and tests). */
    public static Schema fromKeycloakJar(InputStream jar) throws SAXException, java.io.IOException {
        Map<String, byte[]> entries = new java.util.HashMap<>();
        java.util.Collection<String> wanted = KEYCLOAK_RESOURCES.values();
        java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(jar);
        for (java.util.zip.ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (wanted.contains(entry.getName())) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return fromKeycloakResources(name -> entries.containsKey(name) ? new ByteArrayInputStream(entries.get(name)) : null);
    }

    private SamlSchema() {
    }

    /**
     * @param documents the XSD of each of {@link #NAMESPACES}
     * @throws SAXException if a document is missing or not a schema
     */
    public static Schema load(Map<String, byte[]> documents) throws SAXException {
        for (String namespace : NAMESPACES) {
            if (!documents.containsKey(namespace)) {
                throw new SAXException("No XSD for namespace " + namespace);
            }
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            if ("http://www.w3.org/TR/REC-xml".equals(type)) {
                return new Input(new byte[0], "empty:" + systemId); // the W3C schemas' DOCTYPE: nothing to load
            }
            byte[] xsd = namespace == null ? null : documents.get(namespace);
            if (xsd == null) {
                throw new IllegalStateException("The SAML schema imports " + namespace + " (" + systemId + "), which is not supplied.");
            }
            return new Input(xsd, "dvc:" + namespace);
        });
        return factory.newSchema(new StreamSource(new ByteArrayInputStream(documents.get(METADATA)), "dvc:" + METADATA));
    }

    /** An in-memory schema document for the resolver. */
    private static final class Input implements LSInput {
        private final byte[] bytes;
        private String systemId;

        Input(byte[] bytes, String systemId) {
            this.bytes = bytes;
            this.systemId = systemId;
        }

        @Override public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String id) { systemId = id; }
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader reader) { }
        @Override public void setByteStream(InputStream stream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String data) { }
        @Override public String getPublicId() { return null; }
        @Override public void setPublicId(String id) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String uri) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certified) { }
    }
}
