package de.dvc.iam.it;

import de.dvc.iam.core.agency.AgencyAttributes;
import de.dvc.iam.demo.DemoFederation;
import de.dvc.iam.it.RunningFederation.Federation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo federation as set up through the admin API, and that setting it up again changes nothing. */
@ExtendWith(RunningFederation.class)
class DemoFederationIT {

    private final Federation federation;

    DemoFederationIT(Federation federation) {
        this.federation = federation;
    }

    @Test
    void agenciesAreOrganizationsWithTheirIdpLinkedAndDomainVerified() {
        RealmResource dvc = federation.admin().realm(DemoFederation.REALM);

        String senfinId = dvc.organizations().list(0, Integer.MAX_VALUE).stream()
                .filter(o -> "berlin-senfin".equals(o.getAlias())).findFirst().orElseThrow().getId();
        OrganizationRepresentation senfin = dvc.organizations().get(senfinId).toRepresentation();
        assertThat(senfin.getName()).isEqualTo("Senatsverwaltung für Finanzen Berlin");
        assertThat(senfin.getAttributes()).containsEntry(AgencyAttributes.LEVEL, List.of("state"))
                .containsEntry(AgencyAttributes.STATE, List.of("DE-BE"));
        assertThat(senfin.getDomain("senfin.berlin.example").isVerified()).isTrue();
        assertThat(dvc.organizations().get(senfin.getId()).identityProviders().getIdentityProviders())
                .extracting(IdentityProviderRepresentation::getAlias).containsExactly("berlin-senfin");

        IdentityProviderRepresentation saml = dvc.identityProviders().get("berlin-senfin").toRepresentation();
        assertThat(saml.getProviderId()).isEqualTo("saml");
        assertThat(saml.getConfig()).containsEntry("validateSignature", "true").containsEntry("wantAssertionsSigned", "true");
        IdentityProviderRepresentation oidc = dvc.identityProviders().get("bund-bmi").toRepresentation();
        assertThat(oidc.getProviderId()).isEqualTo("oidc");
        assertThat(oidc.getConfig()).containsEntry("pkceEnabled", "true").containsEntry("pkceMethod", "S256");
    }

    @Test
    void realmDvcHasNoLocalPasswordsAndSpeaksGermanFirst() {
        var realm = federation.admin().realm(DemoFederation.REALM).toRepresentation();
        assertThat(realm.getBrowserFlow()).isEqualTo("dvc browser");
        assertThat(realm.getDefaultLocale()).isEqualTo("de");
        assertThat(realm.getSupportedLocales()).containsExactlyInAnyOrder("de", "en");
        assertThat(realm.getLoginTheme()).isEqualTo("dvc");
    }

    @Test
    void applyingAgainKeepsTheStateAsItIs() {
        RealmResource dvc = federation.admin().realm(DemoFederation.REALM);
        Snapshot before = Snapshot.of(federation, dvc);

        new DemoFederation(federation.admin(), federation.serverUrl(), federation.serviceUrl()).apply();

        assertThat(Snapshot.of(federation, dvc)).isEqualTo(before);
    }

    /** Counts and ids of everything the set-up creates. */
    private record Snapshot(List<String> realms, List<String> idps, List<String> organizations, List<String> clients,
                            int mappers, int flows, int scopes) {
        static Snapshot of(Federation federation, RealmResource dvc) {
            return new Snapshot(
                    federation.admin().realms().findAll().stream().map(r -> r.getId()).sorted().toList(),
                    dvc.identityProviders().find(null, true, 0, Integer.MAX_VALUE).stream().map(i -> i.getInternalId()).sorted().toList(),
                    dvc.organizations().list(0, Integer.MAX_VALUE).stream().map(OrganizationRepresentation::getId).sorted().toList(),
                    dvc.clients().findAll().stream().map(c -> c.getId()).sorted().toList(),
                    dvc.identityProviders().get("berlin-senfin").getMappers().size(),
                    dvc.flows().getFlows().size(),
                    dvc.clientScopes().findAll().size());
        }
    }
}
