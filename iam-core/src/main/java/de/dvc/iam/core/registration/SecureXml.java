package de.dvc.iam.core.registration;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Parses XML from agencies without the features attacks use: no DOCTYPE at all (so no external
 * entities, XXE, and no entity expansion, "billion laughs"), no XInclude, no external schema or DTD
 * access; secure processing limits on. OWASP XML External Entity Prevention Cheat Sheet, JAXP.
 */
final class SecureXml {

    private SecureXml() {
    }

    /** A parse error: {@code doctype} is true when the document was refused for its DOCTYPE. */
    static final class Refused extends Exception {
        final boolean doctype;

        Refused(String message, boolean doctype) {
            super(message);
            this.doctype = doctype;
        }
    }

    /**
     * One configured builder per thread, reset before each document: a new factory and builder for every document
     * (a service lookup and the parser's whole configuration) cost more than most parses (JFR, dvc-config validate of
     * 11,756 metadata files). Reset returns a builder to the factory's (secure) settings.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SecureXml::newBuilder);

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a required security feature", e);
        }
    }

    static Document parse(byte[] xml) throws Refused {
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            boolean doctype = e.getMessage() != null && e.getMessage().contains("DOCTYPE");
            throw new Refused(doctype ? "The document contains a DOCTYPE declaration."
                    : "The document is not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ").",
                    doctype);
        } catch (SAXException | IOException e) {
            throw new Refused("The document is not well-formed XML.", false);
        }
    }
}
