package de.dvc.iam.demo;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;

import java.util.List;

/** The agencies, IdPs and users of the demo federation (README, docs/federation-operators.md). */
public final class DemoAgencies {

    /** How an agency's IdP speaks to DVC IAM. */
    public enum Protocol { SAML, OIDC }

    /** A person at an agency, as the agency's own IdP knows her. Demo credentials only. */
    public record DemoUser(String username, String email, String firstName, String lastName, String password,
                           String orgUnit, List<String> roles) {
    }

    /**
     * An agency IdP. The IdP is a realm {@code agency-<alias>} of the same server, reached over HTTP
     * like any external IdP; in the demo its alias in realm {@code dvc} is the agency id.
     */
    public record DemoAgency(Agency agency, String idpAlias, String domain, Protocol protocol, DemoUser user,
                             String profile, String maxAssurance, String acrTable) {
        public String idpRealm() {
            return "agency-" + idpAlias;
        }
    }

    public static final DemoAgency BERLIN_SENFIN = new DemoAgency(
            Agency.builder("berlin-senfin", "Senatsverwaltung für Finanzen Berlin", AgencyLevel.STATE)
                    .shortName("SenFin").state("DE-BE").build(),
            "berlin-senfin", "senfin.berlin.example", Protocol.SAML,
            new DemoUser("anna.schmidt", "anna.schmidt@senfin.berlin.example", "Anna", "Schmidt", "demo",
                    "Referat II A - Haushalt", List.of("Haushalt", "Sachbearbeitung")),
            // Keycloak as a SAML IdP reports AuthnContextClassRef "unspecified"; registered up to substantiell.
            "saml-oid", "substantiell", "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified = normal");

    public static final DemoAgency BUND_BMI = new DemoAgency(
            Agency.builder("bund-bmi", "Bundesministerium des Innern", AgencyLevel.FEDERAL).shortName("BMI").build(),
            "bund-bmi", "bmi.bund.example", Protocol.OIDC,
            new DemoUser("jonas.weber", "jonas.weber@bmi.bund.example", "Jonas", "Weber", "demo",
                    "Z 2 - IT-Steuerung", List.of("IT-Koordination")),
            // Keycloak as an OIDC IdP reports acr "1" after a password login, "0" after SSO.
            "oidc", "normal", "1 = normal\n0 = normal");

    public static final List<DemoAgency> ALL = List.of(BERLIN_SENFIN, BUND_BMI);

    /**
     * A second SAML IdP of SenFin that the demo sets up but does not register: the agency admin
     * registers it herself through the registration API (docs/agency-admins.md).
     */
    public static final DemoAgency BERLIN_SENFIN_NEW = new DemoAgency(BERLIN_SENFIN.agency(), "berlin-senfin-neu",
            "senfin.berlin.example", Protocol.SAML,
            new DemoUser("anna.schmidt", "anna.schmidt@senfin.berlin.example", "Anna", "Schmidt", "demo",
                    "Referat II A - Haushalt", List.of("Haushalt")),
            "saml-oid", "normal", "");

    /**
     * A second IdP of the BMI, OIDC, that the demo sets up behind the agency web server
     * (https://127.0.0.2:8443) but does not register: the BMI's admin registers it by its issuer.
     */
    public static final DemoAgency BUND_BMI_NEW = new DemoAgency(BUND_BMI.agency(), "bund-bmi-neu", "bmi.bund.example",
            Protocol.OIDC, new DemoUser("jonas.weber", "jonas.weber@bmi.bund.example", "Jonas", "Weber", "demo",
                    "Z 2 - IT-Steuerung", List.of("IT-Koordination")), "oidc", "normal", "");

    /**
     * The agency whose OIDC provider is not a realm of the server but Spring Authorization Server, a process of its own
     * behind the agency web server ({@link AgencyOidcProvider}; module agency-oidc, which holds Sara's directory entry:
     * this is what it asserts about her). Registered from federation/demo-agency-oidc, not in {@link #ALL}: only
     * set-ups that run the provider have it. Its alias is the agency id, as for the other demo agencies.
     */
    public static final DemoAgency LAND_BEISPIEL = new DemoAgency(
            Agency.builder("land-beispiel", "Ministerium des Innern, Land Beispiel", AgencyLevel.STATE)
                    .shortName("MdI Beispiel").state("DE-SL").build(),
            "land-beispiel", "beispiel-land.example", Protocol.OIDC,
            new DemoUser("sara.yilmaz@beispiel-land.example", "sara.yilmaz@beispiel-land.example", "Sara", "Yilmaz", "demo",
                    "Referat 23 - Digitale Verwaltung", List.of("Sachbearbeitung", "Digitalisierung")),
            "oidc", "normal", "urn:beispiel-land:loa:passwort = normal");

    /**
     * An external contractor in Land Beispiel's directory whose address is his company's: DVC refuses his login
     * (domain binding), the refusal case of the Spring Authorization Server provider.
     */
    public static final DemoUser LAND_BEISPIEL_CONTRACTOR = new DemoUser("max.extern@it-dienstleister.example",
            "max.extern@it-dienstleister.example", "Max", "Extern", "demo", "Referat 23 - Digitale Verwaltung",
            List.of("Externe Unterstützung"));

    /** The demo's federation operator (approves registrations), a user of the BMI's IdP. */
    public static final DemoUser DEMO_OPERATOR = new DemoUser("petra.betrieb", "petra.betrieb@bmi.bund.example", "Petra",
            "Betrieb", "demo", "DVC-Föderationsbetrieb", List.of());

    /** The demo's second federation operator (four eyes: he approves what petra submits; federation/demo/settings.yaml). */
    public static final DemoUser SECOND_OPERATOR = new DemoUser("olaf.betrieb", "olaf.betrieb@bmi.bund.example", "Olaf",
            "Betrieb", "demo", "DVC-Föderationsbetrieb", List.of());

    private DemoAgencies() {
    }
}
