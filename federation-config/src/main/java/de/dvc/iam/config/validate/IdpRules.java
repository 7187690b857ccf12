package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.core.assurance.AssuranceLevel;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.AttributeProfiles;
import de.dvc.iam.core.profile.ProfileOverrides;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agency IdP's rules: its source (SAML metadata URL or file, OIDC issuer) usable and HTTPS, its attribute
 * profile known and its overrides valid (iam-core {@link ProfileOverrides}, as the login applies them), its acr
 * table within its maximum. SAML metadata files are checked by iam-core's validator ({@link SamlMetadataFiles}), agency
 * directories by iam-core's directory settings ({@link DirectoryRules}).
 * Stateless.
 */
final class IdpRules {

    private static final Pattern OVERRIDE_LINE = Pattern.compile("^Profile overrides, line (\\d+): ");

    private IdpRules() {
    }

    /** @return the IdP's entityID where it is known (declared, or read from its metadata file) */
    static Optional<String> check(IdpSpec idp, RuleContext context, List<Problem> out) {
        Optional<AttributeProfile> profile = profile(idp, out);
        assurance(idp, context, out);
        boolean ldap = idp.protocol() == Protocol.LDAP;
        if (profile.isPresent() && AttributeProfiles.isDirectory(profile.get()) != ldap) {
            // the server refuses such logins (keycloak-extensions AgencyProfileMapper): say so before apply
            out.add(Problem.error("profile_protocol_mismatch", idp.origin().at("profile"), ldap
                    ? "An agency directory's logins read a directory profile, not '" + idp.profile() + "'."
                    : "The profile '" + idp.profile() + "' is for agency directories (protocol: ldap).", ldap
                    ? "profile: ldap-ad (active-directory) or ldap-inetorgperson (inet-org-person)"
                    : "one of " + String.join(", ", AttributeProfiles.ALL.stream().map(AttributeProfile::name).toList())));
        }
        if (ldap) {
            DirectoryRules.check(idp, context, out);
            return Optional.empty();
        }
        if (idp.protocol() == Protocol.OIDC) {
            idp.issuer().ifPresent(issuer -> Urls.check(issuer, "The issuer", false, context.settings().insecureHosts(),
                    idp.origin().at("issuer"), out));
            return Optional.empty();
        }
        if (idp.metadataUrl().isPresent() == idp.metadataFile().isPresent()) {
            boolean both = idp.metadataUrl().isPresent();
            out.add(Problem.error(both ? "saml_source_ambiguous" : "saml_source_missing", idp.origin().here(),
                    "The SAML IdP '" + idp.alias() + "' names " + (both ? "both a metadata URL and a metadata file." : "no metadata."),
                    "either metadataUrl (fetched by the server) or metadataFile (a file next to this one)"));
            return idp.entityId();
        }
        idp.metadataUrl().ifPresent(url -> Urls.check(url, "The metadata URL", false, context.settings().insecureHosts(),
                idp.origin().at("metadataUrl"), out));
        if (idp.metadataFile().isPresent()) {
            return SamlMetadataFiles.check(idp, profile.orElse(null), context, out);
        }
        return idp.entityId();
    }

    private static Optional<AttributeProfile> profile(IdpSpec idp, List<Problem> out) {
        AttributeProfile base;
        try {
            base = AttributeProfiles.named(idp.profile());
        } catch (IllegalArgumentException e) {
            out.add(Problem.error("profile_unknown", idp.origin().at("profile"), e.getMessage(), "one of "
                    + String.join(", ", AttributeProfiles.ALL.stream().map(AttributeProfile::name).toList())
                    + " (IdPs), ldap-ad or ldap-inetorgperson (agency directories)"));
            return Optional.empty();
        }
        try {
            return Optional.of(ProfileOverrides.apply(base, idp.profileOverridesText()));
        } catch (IllegalArgumentException e) {
            Matcher line = OVERRIDE_LINE.matcher(e.getMessage());
            List<String> keys = new ArrayList<>(idp.profileOverrides().keySet());
            // one line per override, in file order: line N is the N-th key
            boolean placed = line.find() && Integer.parseInt(line.group(1)) <= keys.size();
            String message = placed ? e.getMessage().substring(line.end()) : e.getMessage();
            out.add(Problem.error("profile_overrides_invalid", placed
                    ? idp.origin().member("profileOverrides").keyAt(keys.get(Integer.parseInt(line.group(1)) - 1))
                    : idp.origin().keyAt("profileOverrides"), message,
                    "overrides the profile '" + base.name() + "' can take (docs/claims.md, Attribute profiles)"));
            return Optional.of(base);
        }
    }

    /** A table entry above the IdP's maximum never takes effect: the login is capped (docs/claims.md, Assurance). */
    private static void assurance(IdpSpec idp, RuleContext context, List<Problem> out) {
        AssuranceLevel maximum = idp.maximum(context.settings().defaultMaxAssurance());
        for (Map.Entry<String, AssuranceLevel> entry : idp.acrTable().orElse(Map.of()).entrySet()) {
            if (entry.getValue().compareTo(maximum) > 0) {
                out.add(Problem.warning("acr_above_maximum", idp.origin().member("acrTable").at(entry.getKey()), "The acr table "
                        + "maps '" + Urls.abbreviate(entry.getKey()) + "' to " + entry.getValue().code() + ", above the IdP's maximum "
                        + maximum.code() + ": such logins count as " + maximum.code() + ".",
                        "maxAssurance: " + entry.getValue().code() + " if the IdP is registered for it, else a level up to " + maximum.code()));
            }
        }
    }
}
