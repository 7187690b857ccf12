package de.dvc.iam.config.export;

import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.ServerService;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.profile.AttributeProfiles;

import java.util.Optional;

/** Why a server object cannot be written as files the schema accepts, if it cannot. Stateless. */
final class ExportRules {

    private ExportRules() {
    }

    static Optional<String> idp(ServerIdp idp) {
        if (idp.ownership() == Ownership.REGISTRATION) {
            return Optional.of("a self-service registration, managed through the registration API (dvc-config adopt moves one into the files)");
        }
        return describable(idp.spec());
    }

    /** Why the files cannot describe the IdP {@code spec}, if they cannot, whoever owns it. */
    static Optional<String> describable(IdpSpec spec) {
        if (java.util.stream.Stream.concat(AttributeProfiles.ALL.stream(), AttributeProfiles.DIRECTORY.stream())
                .map(AttributeProfile::name).noneMatch(spec.profile()::equals)) {
            return Optional.of(spec.profile().isEmpty() ? "it has no dvc-agency-profile mapper (the server refuses its logins)"
                    : "its profile '" + spec.profile() + "' is not one the files know");
        }
        if (spec.protocol() == Protocol.SAML && spec.metadataUrl().isEmpty() && spec.metadataFile().isEmpty()) {
            return Optional.of("the server does not show where its SAML metadata came from (no metadataDescriptorUrl)");
        }
        if (spec.protocol() == Protocol.LDAP && spec.directory().map(d -> d.settings().get("url")).isEmpty()) {
            return Optional.of("its directory settings name no url");
        }
        if (spec.protocol() == Protocol.OIDC && (spec.issuer().isEmpty() || spec.clientId().isEmpty())) {
            return Optional.of("it has no issuer or client id");
        }
        return Optional.empty();
    }

    static Optional<String> service(ServerService service) {
        ServiceSpec spec = service.spec();
        if (spec.sector().isBlank()) {
            return Optional.of("it has no sector of the pairwise subject (client attribute dvc.sector)");
        }
        if (spec.contact().isBlank()) {
            return Optional.of("it has no contact (client attribute dvc.contact)");
        }
        if (spec.ownerAgency().isEmpty() && spec.ownerName().isEmpty()) {
            return Optional.of("it has no owner (client attributes dvc.owner.agency, dvc.owner.name)");
        }
        if (spec.flows().isEmpty()) {
            return Optional.of("it uses neither the code flow nor the device grant");
        }
        if (spec.pkceRequired() && !spec.flows().contains(ServiceSpec.Flow.CODE)) {
            return Optional.of("it requires PKCE without the code flow, so Keycloak refuses device grants without a code_challenge:"
                    + " turn off 'PKCE method' in its advanced settings first");
        }
        return Optional.empty();
    }
}
