package de.dvc.iam.core.registration;

import javax.xml.validation.Schema;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The SAML metadata schema as the server has it: from keycloak-saml-core inside the Keycloak distribution zip. */
public final class TestSchemas {

    private static Schema metadata;

    private TestSchemas() {
    }

    public static synchronized Schema samlMetadata() {
        if (metadata == null) {
            String zip = System.getProperty("keycloak.dist.zip");
            String version = System.getProperty("keycloak.version");
            if (zip == null || version == null) {
                throw new IllegalStateException("Run through Maven: system properties keycloak.dist.zip and keycloak.version are not set.");
            }
            try (ZipFile distribution = new ZipFile(zip)) {
                ZipEntry jar = distribution.getEntry("keycloak-" + version + "/lib/lib/main/org.keycloak.keycloak-saml-core-" + version + ".jar");
                if (jar == null) {
                    throw new IllegalStateException("No keycloak-saml-core in " + zip);
                }
                try (InputStream in = distribution.getInputStream(jar)) {
                    metadata = SamlSchema.fromKeycloakJar(in);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot load the SAML schema from " + zip + ": " + e.getMessage(), e);
            }
        }
        return metadata;
    }
}
