package de.dvc.iam.demo;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.AgencyLevel;

import java.util.List;

/** The agencies, IdPs and users of the demo federation (README, docs/federation-operators.md). */
public final class DemoAgencies {

    /** How an agency's IdP speaks to DVC IAM. */
    public enum Protocol { SAML, OIDC }

    /** A person at an agency, as the agency's own IdP knows her. Demo credentials only. */
    public record DemoUser(String username, String email, String firstName, String lastName, String password) {
    }

    /**
     * An agency with one IdP. The IdP is a realm {@code agency-<id>} of the same server, reached
     * over HTTP like any external IdP; its alias in realm {@code dvc} is the agency id.
     */
    public record DemoAgency(Agency agency, String domain, Protocol protocol, DemoUser user) {
        public String idpAlias() {
            return agency.id();
        }

        public String idpRealm() {
            return "agency-" + agency.id();
        }
    }

    public static final DemoAgency BERLIN_SENFIN = new DemoAgency(
            Agency.builder("berlin-senfin", "Senatsverwaltung für Finanzen Berlin", AgencyLevel.STATE)
                    .shortName("SenFin").state("DE-BE").build(),
            "senfin.berlin.example", Protocol.SAML,
            new DemoUser("anna.schmidt", "anna.schmidt@senfin.berlin.example", "Anna", "Schmidt", "demo"));

    public static final DemoAgency BUND_BMI = new DemoAgency(
            Agency.builder("bund-bmi", "Bundesministerium des Innern", AgencyLevel.FEDERAL).shortName("BMI").build(),
            "bmi.bund.example", Protocol.OIDC,
            new DemoUser("jonas.weber", "jonas.weber@bmi.bund.example", "Jonas", "Weber", "demo"));

    public static final List<DemoAgency> ALL = List.of(BERLIN_SENFIN, BUND_BMI);

    private DemoAgencies() {
    }
}
