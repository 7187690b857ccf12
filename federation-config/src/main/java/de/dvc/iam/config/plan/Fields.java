package de.dvc.iam.config.plan;

import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.DirectoryForm;
import de.dvc.iam.config.model.DirectorySpec;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.PolicySpec;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.core.assurance.AssuranceLevel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An object as plan compares it: its fields by the names the files use, each a string ("" for absent), in the
 * files' order. Both sides go through the same functions, so a field can only differ in what it says. Sets (domains,
 * redirect URIs, scopes, allow lists) are sorted: their order means nothing to the server; ordered things (acr table:
 * its first entry of a level is what DVC asks for; profile overrides) keep their order. Secrets are not fields
 * ({@link SecretComparison}). Stateless.
 */
public final class Fields {

    private Fields() {
    }

    /**
     * The realm settings: the role holders, one field per role ("email via idp" or "subject … via idp", admins with their
     * agency), and the refresh policy ({@code refresh}: its text as the server holds it, decoded; "server options" for none).
     */
    public static Map<String, String> settings(de.dvc.iam.core.roles.RoleHolders holders, java.util.Optional<String> refresh) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("operators", holders.holders().stream().filter(h -> h.role() == de.dvc.iam.core.roles.RoleHolders.Role.OPERATOR)
                .map(Fields::person).collect(Collectors.joining(", ")));
        fields.put("agencyAdmins", holders.holders().stream()
                .filter(h -> h.role() == de.dvc.iam.core.roles.RoleHolders.Role.AGENCY_ADMIN)
                .map(h -> h.agency().orElse("") + ": " + person(h)).collect(Collectors.joining(", ")));
        fields.put("refresh", refresh.filter(text -> !text.isBlank()).map(Fields::refresh).orElse("server options"));
        return fields;
    }

    private static String refresh(String text) {
        try {
            de.dvc.iam.core.registration.RefreshPolicy policy = de.dvc.iam.core.registration.RefreshPolicy.decode(text);
            return (policy.off() ? "off" : "every " + policy.intervalSeconds() + " s")
                    + (policy.keyChangeNeedsApproval() ? ", key changes need approval" : ", key changes applied when valid");
        } catch (IllegalArgumentException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String person(de.dvc.iam.core.roles.RoleHolders.Holder holder) {
        return holder.email().orElseGet(() -> "subject " + holder.subject().orElse("")) + " via " + holder.idp();
    }

    /** @param kept domains the comparison leaves out (those held by self-service registrations) */
    public static Map<String, String> agency(AgencySpec agency, Set<String> kept) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", agency.name());
        fields.put("shortName", agency.shortName().orElse(""));
        fields.put("level", agency.level().code());
        fields.put("state", agency.state().orElse(""));
        fields.put("keys.ags", agency.keys().ags().orElse(""));
        fields.put("keys.ars", agency.keys().ars().orElse(""));
        fields.put("keys.leitwegId", agency.keys().leitwegId().orElse(""));
        fields.put("keys.dvdv", agency.keys().dvdv().orElse(""));
        fields.put("domains", sorted(agency.domains().stream().map(DesiredFederation::ascii).filter(d -> !kept.contains(d)).toList()));
        return fields;
    }

    /**
     * @param agency      the agency it belongs to ("" if none)
     * @param metadataSha the SHA-256 of its metadata file, if it has one
     */
    public static Map<String, String> idp(IdpSpec idp, String agency, Optional<String> metadataSha) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("agency", agency);
        fields.put("displayName", idp.displayName().orElse(""));
        fields.put("protocol", idp.protocol().code());
        fields.put("metadataUrl", idp.metadataUrl().orElse(""));
        fields.put("metadataFile", metadataSha.map(sha -> "sha256:" + sha.substring(0, Math.min(16, sha.length()))).orElse(""));
        fields.put("entityId", idp.entityId().orElse(""));
        fields.put("issuer", idp.issuer().orElse(""));
        fields.put("clientId", idp.clientId().orElse(""));
        fields.put("domains", sorted(idp.domains().orElse(List.of()).stream().map(DesiredFederation::ascii).toList()));
        fields.put("profile", idp.profile());
        fields.put("profileOverrides", idp.profileOverridesText().strip().replace("\n", "; "));
        fields.put("maxAssurance", idp.maxAssurance().map(AssuranceLevel::code).orElse(""));
        fields.put("acrTable", idp.acrTable().orElse(Map.of()).entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue().code()).collect(Collectors.joining("; ")));
        fields.put("lifecycle", idp.lifecycle().code());
        idp.directory().ifPresent(directory -> directory(directory, fields));
        return fields;
    }

    /**
     * A directory's settings, defaults explicit, as {@code directory.<setting>}; its bind secret only where it is a vault
     * reference (a name, stored as such); an {@code env:} or {@code file:} one is a secret ({@link SecretComparison}).
     */
    private static void directory(DirectorySpec directory, Map<String, String> fields) {
        DirectoryForm.explicit(directory.settings()).forEach((field, value) -> fields.put("directory." + field,
                DirectoryForm.text(field, value)));
        fields.put("directory.bindSecret", directory.bindSecret().filter(b -> b.startsWith("vault:")).orElse(""));
        fields.put("directory.testLogin", directory.testLogin().orElse(""));
    }

    public static Map<String, String> service(ServiceSpec service) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", service.name());
        fields.put("description", service.description().orElse(""));
        fields.put("owner.agency", service.ownerAgency().orElse(""));
        fields.put("owner.name", service.ownerName().orElse(""));
        fields.put("contact", service.contact());
        fields.put("type", service.confidential() ? "confidential" : "public");
        fields.put("flows", sorted(service.flows().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
        fields.put("redirectUris", sorted(service.redirectUris()));
        fields.put("postLogoutRedirectUris", sorted(service.postLogoutRedirectUris()));
        fields.put("baseUrl", service.baseUrl().orElse(""));
        fields.put("pkceRequired", Boolean.toString(service.pkceRequired()));
        fields.put("sector", service.sector());
        fields.put("scopes", sorted(service.scopes()));
        fields.put("claims", service.claims().map(Fields::sorted).orElse("(all)"));
        fields.put("requiredAssurance", service.requiredAssurance().map(AssuranceLevel::code).orElse(""));
        Optional<PolicySpec> policy = service.accessPolicy();
        fields.put("accessPolicy.agencies", sorted(policy.map(PolicySpec::agencies).orElse(List.of())));
        fields.put("accessPolicy.levels", sorted(policy.map(PolicySpec::levels).orElse(List.of())));
        fields.put("accessPolicy.states", sorted(policy.map(PolicySpec::states).orElse(List.of())));
        fields.put("accessPolicy.roles", sorted(policy.map(PolicySpec::roles).orElse(List.of())));
        fields.put("accessPolicy.contact", policy.flatMap(PolicySpec::contact).orElse(""));
        fields.put("backchannelLogoutUri", service.backchannelLogoutUri().orElse(""));
        return fields;
    }

    static String sorted(Collection<String> values) {
        return values.stream().sorted().distinct().collect(Collectors.joining(", "));
    }
}
