package de.dvc.iam.config.apply;

import de.dvc.iam.config.keycloak.HandMade;
import de.dvc.iam.config.keycloak.TestServer;
import de.dvc.iam.config.plan.NotOwned;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.state.Ownership;
import de.dvc.iam.config.validate.Tree;
import de.dvc.iam.core.agency.AgencyLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects dvc-config did not create: listed, never touched; described differently by the files, a conflict. */
class NotOwnedTest {

    @TempDir
    Path root;

    private final TestServer server = new TestServer();

    private String organizationId(String alias) {
        return server.realm.storedOrganizations().stream().filter(o -> alias.equals(o.getAlias())).findFirst().orElseThrow().getId();
    }

    @Test
    void registrationsAndHandMadeObjectsAreListedAndNeverTouched() {
        Tree.valid(root);
        server.apply(root);
        server.realm.putIdentityProvider(HandMade.registration("albersdorf-neu", "tested", "albersdorf.sh.example"),
                organizationId("gemeinde-01051001"), HandMade.profile("albersdorf-neu", "adfs", "normal", ""));
        server.realm.putClient(HandMade.service("legacy-portal", "https://portal.bund.example/cb"));
        int writes = server.realm.writes();

        Plan plan = server.plan(root);
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.notOwned()).extracting(NotOwned::kind, NotOwned::name, NotOwned::ownership, NotOwned::inFiles).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ObjectKind.IDP, "albersdorf-neu", Ownership.REGISTRATION, false),
                org.assertj.core.groups.Tuple.tuple(ObjectKind.SERVICE, "legacy-portal", Ownership.HAND_MADE, false));
        assertThat(server.apply(root).outcomes()).isEmpty();
        assertThat(server.realm.writes()).isEqualTo(writes);
    }

    @Test
    void anAgencyWithARegistrationIsNotDeletedWithItsFile() {
        Tree tree = Tree.valid(root);
        server.apply(root);
        server.realm.putIdentityProvider(HandMade.registration("albersdorf-neu", "active", "albersdorf.sh.example"),
                organizationId("gemeinde-01051001"), HandMade.profile("albersdorf-neu", "adfs", "normal", ""));
        tree.delete("agencies/sh/gemeinde-01051001.yaml");

        Plan plan = server.plan(root);
        assertThat(plan.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.code()).isEqualTo("agency_has_not_owned_idps");
            assertThat(c.message()).contains("albersdorf-neu");
        });
    }

    @Test
    void aHandMadeObjectTheFilesDescribeDifferentlyIsAConflict() {
        Tree.valid(root);
        server.realm.putOrganization(HandMade.organization("bund-bmi", "BMI (by hand)", AgencyLevel.FEDERAL, null, "bmi.bund.example"));

        Plan plan = server.plan(root);
        assertThat(plan.conflicts()).extracting(c -> c.kind() + " " + c.name() + " " + c.code())
                .containsExactly("AGENCY bund-bmi not_owned_differs");
        assertThat(plan.conflicts().get(0).message()).contains("made by hand").contains("name, keys.leitwegId");
    }

    @Test
    void aDomainHeldByAHandMadeAgencyIsAConflict() {
        Tree.valid(root);
        server.realm.putOrganization(HandMade.organization("bmi-alt", "Altes BMI", AgencyLevel.FEDERAL, null, "bmi.bund.example"));

        assertThat(server.plan(root).conflicts()).extracting(c -> c.name() + " " + c.code())
                .containsExactly("bund-bmi domain_held_not_owned");
    }

    @Test
    void theDomainsOfRegistrationsStayWithTheAgencyThroughUpdates() {
        Tree tree = Tree.valid(root);
        server.apply(root);
        String gemeinde = organizationId("gemeinde-01051001");
        OrganizationRepresentation approved = server.realm.organization(gemeinde);
        OrganizationDomainRepresentation proven = new OrganizationDomainRepresentation("amt.albersdorf.sh.example");
        proven.setVerified(true);
        approved.addDomain(proven); // what approving the registration does
        server.realm.updateOrganization(approved);
        server.realm.putIdentityProvider(HandMade.registration("albersdorf-amt", "active", "amt.albersdorf.sh.example"), gemeinde,
                HandMade.profile("albersdorf-amt", "adfs", "normal", ""));
        server.realm.putIdentityProvider(HandMade.registration("albersdorf-neu", "tested", "neu.albersdorf.sh.example"), gemeinde,
                HandMade.profile("albersdorf-neu", "adfs", "normal", "")); // declared, not proven: not the agency's
        assertThat(server.plan(root).hasChanges()).as("a registration's domain is not the files' business").isFalse();

        tree.replace("agencies/sh/gemeinde-01051001.yaml", "name: Albersdorf", "name: Gemeinde Albersdorf");
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.organization(gemeinde).getDomains()).extracting(OrganizationDomainRepresentation::getName)
                .containsExactlyInAnyOrder("albersdorf.sh.example", "amt.albersdorf.sh.example");
    }
}
