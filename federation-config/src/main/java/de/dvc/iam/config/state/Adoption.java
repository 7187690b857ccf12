package de.dvc.iam.config.state;

import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.core.registration.RegistrationState;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A self-service registration the server will let {@code adopt} move into the files, and what the files must say of it
 * so that plan shows no change afterwards.
 *
 * @param idp         its IdP as the server holds it now (profile, acr table, issuer, client id, …)
 * @param agency      the id of its agency
 * @param lifecycle   {@code active} or {@code suspended}, as approved
 * @param metadataUrl where a SAML registration's metadata comes from
 * @param entityId    a SAML registration's entityID
 * @param domains     the domains its registration proved: what it may assert
 */
public record Adoption(ServerIdp idp, String agency, RegistrationState lifecycle, Optional<String> metadataUrl,
                       Optional<String> entityId, List<String> domains) {

    public Adoption {
        Objects.requireNonNull(idp, "idp");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(metadataUrl, "metadataUrl");
        Objects.requireNonNull(entityId, "entityId");
        domains = List.copyOf(domains);
    }

    /** The IdP as its agency file will describe it: the server's fields with the registration's source, domains and lifecycle. */
    public IdpSpec spec() {
        IdpSpec held = idp.spec();
        return new IdpSpec(held.alias(), held.displayName(), held.protocol(), metadataUrl.or(held::metadataUrl), Optional.empty(),
                entityId.or(held::entityId), held.issuer(), held.clientId(), Optional.empty(), Optional.of(domains), held.profile(),
                held.profileOverrides(), held.maxAssurance(), held.acrTable(), lifecycle, held.origin(), held.directory());
    }
}
