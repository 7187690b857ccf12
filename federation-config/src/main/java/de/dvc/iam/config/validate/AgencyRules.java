package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.yaml.Where;
import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.agency.OfficialKeys;
import de.dvc.iam.core.email.EmailAddress;
import de.dvc.iam.core.registration.DomainClaimIndex;
import de.dvc.iam.core.registration.Finding;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An agency's own rules: iam-core's {@link Agency} (id, name, short name, state, key formats), its official keys
 * checked for what they say ({@link OfficialKeys}), its domains against every other agency's
 * ({@link DomainClaimIndex}, the registration API's rules), and its IdPs' domains inside its own. Stateless.
 */
final class AgencyRules {

    private AgencyRules() {
    }

    static void check(AgencySpec agency, DomainClaimIndex domains, List<Problem> out) {
        try {
            Agency.builder(agency.id(), agency.name(), agency.level()).shortName(agency.shortName().orElse(null))
                    .state(agency.state().orElse(null)).ags(agency.keys().ags().orElse(null))
                    .ars(agency.keys().ars().orElse(null)).build();
        } catch (IllegalArgumentException e) {
            out.add(Problem.error("agency_invalid", agency.origin().at("id"), e.getMessage(), "an agency as docs/claims.md describes it"));
            return;
        }
        for (OfficialKeys.Violation violation : OfficialKeys.check(agency.level(), agency.state(), agency.keys().ags(),
                agency.keys().ars(), agency.keys().leitwegId())) {
            out.add(Problem.error(violation.code(), where(agency, violation.field()), violation.message(), violation.expected()));
        }
        Map<String, List<Finding>> findings = domains.checkEach(agency.id());
        for (int i = 0; i < agency.domains().size(); i++) {
            for (Finding finding : findings.getOrDefault(agency.domains().get(i), List.of())) {
                out.add(new Problem(finding.severity() == Finding.Severity.ERROR ? Problem.Severity.ERROR : Problem.Severity.WARNING,
                        finding.code(), agency.origin().at("domains", i), finding.message(), finding.fix()));
            }
        }
        idpDomains(agency, out);
    }

    /** An IdP asserts only its agency's domains (domain binding); an agency with IdPs needs a domain. */
    private static void idpDomains(AgencySpec agency, List<Problem> out) {
        Set<String> own = new HashSet<>();
        agency.domains().forEach(d -> EmailAddress.asciiDomain(d.strip()).ifPresent(own::add));
        if (agency.domains().isEmpty() && !agency.idps().isEmpty()) {
            out.add(Problem.warning("agency_without_domains", agency.origin().keyAt("idps"), "The agency has IdPs but no "
                    + "domains: domain binding lets its IdPs assert no address, so every login through them is refused.",
                    "domains: the email domains of the agency's addresses"));
        }
        for (IdpSpec idp : agency.idps()) {
            List<String> asserted = idp.domains().orElse(List.of());
            for (int i = 0; i < asserted.size(); i++) {
                Optional<String> ascii = EmailAddress.asciiDomain(asserted.get(i).strip());
                if (ascii.isEmpty() || !own.contains(ascii.get())) {
                    out.add(Problem.error("idp_domain_not_agency", idp.origin().at("domains", i), "The IdP '" + idp.alias()
                            + "' names the domain '" + Urls.abbreviate(asserted.get(i)) + "', which is not one of its agency's domains.",
                            "one of " + (agency.domains().isEmpty() ? "the agency's domains (it has none)" : String.join(", ", agency.domains()))));
                }
            }
        }
    }

    private static Where where(AgencySpec agency, OfficialKeys.Field field) {
        return switch (field) {
            case LEVEL -> agency.origin().at("level");
            case STATE -> agency.state().isPresent() ? agency.origin().at("state") : agency.origin().at("level");
            case AGS -> agency.origin().member("keys").at("ags");
            case ARS -> agency.origin().member("keys").at("ars");
            case LEITWEG_ID -> agency.origin().member("keys").at("leitwegId");
        };
    }
}
