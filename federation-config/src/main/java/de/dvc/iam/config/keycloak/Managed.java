package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.state.Ownership;

import java.util.List;
import java.util.Map;

/**
 * The keys apply writes next to what it owns, and the keys of the server it reads. The ownership marker
 * {@value #MARKER}={@value #VALUE} is an organization attribute, an IdP config entry and a client attribute; the
 * {@code dvc.config.*} entries record what the files said where Keycloak keeps only what it derived (the metadata
 * source of an IdP, the reference and fingerprint of a secret).
 */
final class Managed {

    static final String MARKER = "dvc.managed-by";
    static final String VALUE = "federation-config";

    // IdP config and client attributes
    static final String LIFECYCLE = "dvc.config.lifecycle";
    static final String METADATA_URL = "dvc.config.metadata-url";
    static final String METADATA_FILE = "dvc.config.metadata-file";
    static final String METADATA_SHA = "dvc.config.metadata-sha256";
    static final String ENTITY_ID = "dvc.config.entity-id";
    static final String SECRET_REF = "dvc.config.secret-ref";
    static final String SECRET_PRINT = "dvc.config.secret-fingerprint";

    // organization attributes besides iam-core's AgencyAttributes (the server does not read these yet)
    static final String LEITWEG_ID = de.dvc.iam.core.agency.AgencyAttributes.LEITWEG_ID;
    static final String DVDV = "dvc.dvdv";

    // client attributes besides the access policy's (dvc.policy.*) and the sector (dvc.sector)
    static final String SECTOR = "dvc.sector";
    static final String OWNER_AGENCY = "dvc.owner.agency";
    static final String OWNER_NAME = "dvc.owner.name";
    static final String CONTACT = "dvc.contact";
    static final String CLAIMS = "dvc.claims";

    // what the server's own code writes (keycloak-extensions RegistrationRecord, RegistrationGate)
    static final String REGISTRATION_STATE = "dvc.registration.state";
    static final String REGISTRATION_DOMAINS = "dvc.registration.domains";
    static final String REGISTRATION_ASSERTABLE = "dvc.registration.assertable-domains";
    static final String ORGANIZATION_DOMAIN = "kc.org.domain";
    /** The domains an IdP may assert when there are several (keycloak-extensions RegistrationGate): kc.org.domain holds one. */
    static final String ASSERTABLE_DOMAINS = "dvc.assertable-domains";
    static final String FIRST_LOGIN_FLOW = "dvc first broker login";
    static final String PROFILE_MAPPER = "dvc-agency-profile";
    static final String PROFILE_MAPPER_NAME = "dvc agency profile";

    /** Keycloak shows secrets of IdPs masked so, and keeps the stored one when it gets this back. */
    static final String MASK = "**********";

    private Managed() {
    }

    static Ownership ofConfig(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        if (VALUE.equals(c.get(MARKER))) {
            return Ownership.OWNED;
        }
        return c.containsKey(REGISTRATION_STATE) ? Ownership.REGISTRATION : Ownership.HAND_MADE;
    }

    static Ownership ofAttributes(Map<String, List<String>> attributes) {
        List<String> values = attributes == null ? null : attributes.get(MARKER);
        return values != null && values.contains(VALUE) ? Ownership.OWNED : Ownership.HAND_MADE;
    }

    /** "a,b" → [a, b]; blank → []. */
    static List<String> split(String value, String separator) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(java.util.regex.Pattern.quote(separator)))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
