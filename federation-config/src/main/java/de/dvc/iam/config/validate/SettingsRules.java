package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.SettingsSpec;
import de.dvc.iam.core.email.EmailAddress;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings' rules: role holders log in through an IdP of these files, agency admins through one of their
 * own agency, and with an address that IdP may assert (domain binding would refuse any other, so the role
 * could never apply); demo-only settings are named as such. Stateless.
 */
final class SettingsRules {

    private SettingsRules() {
    }

    /**
     * @param idps     IdP alias → its agency, over all agency files
     * @param agencies agency id → agency
     */
    static void check(SettingsSpec settings, Map<String, AgencySpec> idps, Map<String, AgencySpec> agencies,
                      RuleContext context, List<Problem> out) {
        settings.origin().ifPresent(origin -> {
            if (!settings.insecureHosts().isEmpty()) {
                out.add(Problem.warning("insecure_hosts", origin.keyAt("insecureHosts"), "Plain http:// is accepted for "
                        + String.join(", ", settings.insecureHosts()) + ".", "no insecureHosts outside the demo and tests"));
            }
            ServiceRules.policy(settings.defaultAccessPolicy(), settings.defaultRequiredAssurance().code(), context,
                    agencies.keySet(), out, origin.keyAt("defaults"));
        });
        for (SettingsSpec.Person operator : settings.operators()) {
            person(operator, Optional.empty(), idps, context, out);
        }
        Map<String, String> adminOf = new java.util.HashMap<>();
        for (SettingsSpec.AgencyAdmin admin : settings.agencyAdmins()) {
            SettingsSpec.Person who = admin.person();
            String person = who.idp() + " " + who.email().map(e -> e.strip().toLowerCase(java.util.Locale.ROOT))
                    .orElse("subject " + who.subject().orElse(""));
            String first = adminOf.putIfAbsent(person, admin.agency());
            if (first != null && !first.equals(admin.agency())) {
                out.add(Problem.error("role_admin_of_two_agencies", who.origin().at("idp"), "This person is named an agency admin "
                        + "of '" + first + "' already: the registration API gives one person one agency.",
                        "one agency per admin (another agency's admin logs in through that agency's IdP)"));
                continue;
            }
            if (!agencies.containsKey(admin.agency())) {
                if (context.known(admin.agency(), agencies.keySet())) {
                    continue; // its file has errors of its own
                }
                out.add(Problem.error("role_agency_unknown", admin.person().origin().at("agency"), "The agency '" + admin.agency()
                        + "' is not an agency of these files.", "the id of an agency file"));
                continue;
            }
            person(admin.person(), Optional.of(agencies.get(admin.agency())), idps, context, out);
        }
    }

    private static void person(SettingsSpec.Person person, Optional<AgencySpec> agency, Map<String, AgencySpec> idps,
                               RuleContext context, List<Problem> out) {
        AgencySpec home = idps.get(person.idp());
        if (home == null && context.known(person.idp(), idps.keySet())) {
            return; // its agency's file has errors of its own
        }
        if (home == null) {
            out.add(Problem.error("role_idp_unknown", person.origin().at("idp"), "The IdP '" + person.idp()
                    + "' is not an IdP of these files.", "the alias of an IdP in an agency file"));
            return;
        }
        if (agency.isPresent() && !agency.get().id().equals(home.id())) {
            out.add(Problem.error("role_idp_not_of_agency", person.origin().at("idp"), "The IdP '" + person.idp() + "' belongs to '"
                    + home.id() + "', not to '" + agency.get().id() + "': an agency admin logs in through her own agency's IdP.",
                    "an IdP of " + agency.get().id()));
            return;
        }
        person.email().ifPresent(email -> {
            Optional<String> domain = EmailAddress.parse(email).map(EmailAddress::domain);
            Set<String> assertable = assertable(home, person.idp());
            if (domain.isEmpty() || !assertable.contains(domain.get())) {
                out.add(Problem.error("role_email_outside_domains", person.origin().at("email"), "The IdP '" + person.idp()
                        + "' may not assert the address '" + Urls.abbreviate(email) + "' (domain binding): the role would never apply.",
                        "an address in " + (assertable.isEmpty() ? "the IdP's domains (it has none)" : String.join(", ", assertable))));
            }
        });
    }

    private static Set<String> assertable(AgencySpec agency, String alias) {
        IdpSpec idp = agency.idps().stream().filter(i -> i.alias().equals(alias)).findFirst().orElseThrow();
        Set<String> domains = new HashSet<>();
        idp.domains().orElse(agency.domains()).forEach(d -> EmailAddress.asciiDomain(d.strip()).ifPresent(domains::add));
        return domains;
    }
}
