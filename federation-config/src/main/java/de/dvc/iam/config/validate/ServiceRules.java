package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.Origin;
import de.dvc.iam.config.model.PolicySpec;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.core.email.EmailAddress;
import de.dvc.iam.core.policy.AccessPolicy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's rules: exact HTTPS redirect URIs for the code flow, a secret reference exactly for confidential
 * clients, PKCE for public ones, an owner and agencies in its policy that exist, and a policy iam-core's
 * {@link AccessPolicy} accepts (as the login reads it). Stateless.
 */
final class ServiceRules {

    private ServiceRules() {
    }

    static void check(ServiceSpec service, RuleContext context, Set<String> agencyIds, List<Problem> out) {
        Set<String> insecure = context.settings().insecureHosts();
        Origin origin = service.origin();
        if (service.flows().contains(ServiceSpec.Flow.CODE) && service.redirectUris().isEmpty()) {
            out.add(Problem.error("redirect_uris_missing", origin.keyAt("clientId"), "The service uses the code flow but "
                    + "names no redirect URI.", "redirectUris: the exact URIs the service receives codes at"));
        }
        for (int i = 0; i < service.redirectUris().size(); i++) {
            Urls.check(service.redirectUris().get(i), "The redirect URI", true, insecure, origin.at("redirectUris", i), out);
        }
        for (int i = 0; i < service.postLogoutRedirectUris().size(); i++) {
            Urls.check(service.postLogoutRedirectUris().get(i), "The post-logout redirect URI", true, insecure,
                    origin.at("postLogoutRedirectUris", i), out);
        }
        service.baseUrl().ifPresent(url -> Urls.check(url, "The base URL", false, insecure, origin.at("baseUrl"), out));
        service.backchannelLogoutUri().ifPresent(url -> Urls.check(url, "The back-channel logout URI", true, insecure,
                origin.at("backchannelLogoutUri"), out));
        client(service, out);
        if (EmailAddress.parse(service.contact()).isEmpty()) {
            out.add(Problem.error("contact_invalid", origin.at("contact"), "The contact '" + Urls.abbreviate(service.contact())
                    + "' is not an email address DVC accepts.", "an address such as it-service@bmi.bund.de"));
        }
        service.ownerAgency().filter(a -> !context.known(a, agencyIds)).ifPresent(a -> out.add(Problem.error("owner_agency_unknown",
                origin.member("owner").at("agency"), "The owner agency '" + a + "' is not an agency of these files.",
                "the id of an agency file, or owner.name for an operator outside the federation")));
        String assurance = service.requiredAssurance().orElse(context.settings().defaultRequiredAssurance()).code();
        policy(service.accessPolicy().or(() -> context.settings().defaultAccessPolicy()), assurance, context, agencyIds, out,
                service.accessPolicy().isPresent() ? origin.keyAt("accessPolicy") : origin.keyAt("clientId"));
    }

    private static void client(ServiceSpec service, List<Problem> out) {
        Origin origin = service.origin();
        if (!service.confidential() && service.clientSecret().isPresent()) {
            out.add(Problem.error("public_client_secret", origin.keyAt("clientSecret"), "A public client has no secret: "
                    + "anyone holding the application can read it.", "no clientSecret, or type: confidential"));
        }
        if (service.confidential() && service.clientSecret().isEmpty()) {
            out.add(Problem.error("client_secret_missing", origin.keyAt("clientId"), "A confidential client needs its secret.",
                    "clientSecret: env:NAME or file:/path"));
        }
        boolean codes = service.flows().contains(de.dvc.iam.config.model.ServiceSpec.Flow.CODE);
        if (!codes) {
            if (service.pkceRequired()) {
                // Keycloak then demands a code_challenge at the device authorization endpoint, which RFC 8628 clients
                // (curl, the documented device grant) do not send: every device login would fail.
                out.add(Problem.error("pkce_without_code_flow", origin.at("pkceRequired"), "PKCE protects authorization codes; "
                        + "this service has no code flow, and with PKCE required Keycloak refuses device grants without a "
                        + "code_challenge.", "pkceRequired: false for a device-only service"));
            }
        } else if (!service.pkceRequired() && !service.confidential()) {
            out.add(Problem.error("pkce_required", origin.at("pkceRequired"), "A public client cannot do without PKCE: "
                    + "its codes would be usable by whoever intercepts them (RFC 7636, RFC 9700).", "pkceRequired: true"));
        } else if (!service.pkceRequired()) {
            out.add(Problem.warning("pkce_off", origin.at("pkceRequired"), "PKCE is off for this service.",
                    "pkceRequired: true unless the service cannot send a code_challenge (RFC 9700 recommends it for every client)"));
        }
    }

    /** The policy as the login reads it: iam-core's AccessPolicy over the client attributes, and known agencies. */
    static void policy(Optional<PolicySpec> policy, String assurance, RuleContext context, Set<String> agencyIds,
                       List<Problem> out, de.dvc.iam.config.yaml.Where where) {
        try {
            AccessPolicy.fromSettings(PolicySpec.settings(policy, assurance));
        } catch (IllegalArgumentException e) {
            out.add(Problem.error("policy_invalid", where, e.getMessage(), "an access policy as docs/claims.md describes it"));
        }
        policy.ifPresent(p -> {
            for (int i = 0; i < p.agencies().size(); i++) {
                if (!context.known(p.agencies().get(i), agencyIds)) {
                    out.add(Problem.error("policy_agency_unknown", p.origin().at("agencies", i), "The access policy allows the "
                            + "agency '" + p.agencies().get(i) + "', which is not an agency of these files.",
                            "the id of an agency file (a typo would lock its users out)"));
                }
            }
        });
    }
}
