package de.dvc.iam.config.apply;

import de.dvc.iam.config.keycloak.TestServer;
import de.dvc.iam.config.plan.FieldChange;
import de.dvc.iam.config.plan.Plan;
import de.dvc.iam.config.plan.PlannedChange;
import de.dvc.iam.config.state.ObjectKind;
import de.dvc.iam.config.validate.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** plan and apply of owned objects: create, update, rename, delete, unchanged; idempotence. */
class PlanApplyTest {

    @TempDir
    Path root;

    private final TestServer server = new TestServer();

    static String line(PlannedChange change) {
        return change.action() + " " + change.kind() + " " + change.from().map(f -> f + " → ").orElse("") + change.name();
    }

    @Test
    void theSettingsRoleHoldersGoToTheRealmAndFollowTheFiles() {
        Tree tree = Tree.valid(root);
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.realmAttribute("dvc.role-holders"))
                .contains("operator\t-\tbund-bmi\tpetra.betrieb%40bmi.bund.example\t-\n");
        assertThat(server.plan(root).hasChanges()).isFalse();

        tree.replace("settings.yaml", "email: petra.betrieb@bmi.bund.example", "email: paul.betrieb@bmi.bund.example");
        Plan changed = server.plan(root);
        assertThat(changed.changes()).extracting(PlanApplyTest::line).containsExactly("UPDATE SETTINGS realm");
        assertThat(changed.changes().get(0).fields()).extracting(FieldChange::field).containsExactly("operators");
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.realmAttribute("dvc.role-holders")).contains("operator\t-\tbund-bmi\tpaul.betrieb%40bmi.bund.example\t-\n");

        tree.replace("settings.yaml", "roles:\n  operators:\n    - idp: bund-bmi\n      email: paul.betrieb@bmi.bund.example\n", "");
        Plan removed = server.plan(root);
        assertThat(removed.changes()).extracting(PlanApplyTest::line).containsExactly("DELETE SETTINGS realm");
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.realmAttribute("dvc.role-holders")).contains("");
        assertThat(server.plan(root).hasChanges()).as("an empty attribute is nobody, as the files say").isFalse();
    }

    @Test
    void theSettingsRefreshGoesToTheRealmWithTheRoleHoldersInOneWrite() {
        Tree tree = Tree.valid(root);
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.realmAttribute("dvc.refresh")).as("no refresh in the files: the server options decide").contains("");

        tree.replace("settings.yaml", "kind: Settings", "kind: Settings\nrefresh:\n  intervalSeconds: 7200\n  keyChangeNeedsApproval: true");
        Plan plan = server.plan(root);
        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("UPDATE SETTINGS realm");
        assertThat(plan.changes().get(0).fields()).singleElement().satisfies(field -> {
            assertThat(field.field()).isEqualTo("refresh");
            assertThat(field.after()).isEqualTo("every 7200 s, key changes need approval");
            assertThat(field.before()).isEqualTo("server options");
        });
        int writes = server.realm.writes();
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.writes() - writes).as("role holders and refresh in one update of the realm").isEqualTo(1);
        assertThat(server.realm.realmAttribute("dvc.refresh")).contains("interval-seconds=7200;key-change-needs-approval=true");
        assertThat(server.plan(root).hasChanges()).isFalse();

        server.realm.setRealmAttributes(java.util.Map.of("dvc.refresh", "interval-seconds=often"));
        Plan damaged = server.plan(root);
        assertThat(damaged.changes()).extracting(PlanApplyTest::line).containsExactly("UPDATE SETTINGS realm");
        assertThat(damaged.changes().get(0).fields().get(0).before()).startsWith("unreadable (");
        assertThat(server.apply(root).complete()).isTrue();

        tree.replace("settings.yaml", "refresh:\n  intervalSeconds: 7200\n  keyChangeNeedsApproval: true\n", "")
                .replace("settings.yaml", "roles:\n  operators:\n    - idp: bund-bmi\n      email: petra.betrieb@bmi.bund.example\n", "");
        assertThat(server.plan(root).changes()).extracting(PlanApplyTest::line).containsExactly("DELETE SETTINGS realm");
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.realmAttribute("dvc.refresh")).contains("");
        assertThat(server.realm.realmAttribute("dvc.role-holders")).contains("");
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void anEmptyServerGetsEveryObjectCreatedComplete() {
        Tree.valid(root);

        Plan plan = server.plan(root);
        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("CREATE AGENCY berlin-senfin",
                "CREATE AGENCY bund-bmi", "CREATE AGENCY gemeinde-01051001", "CREATE IDP berlin-senfin", "CREATE IDP bund-bmi",
                "CREATE SERVICE fachverfahren", "CREATE SETTINGS realm");
        assertThat(server.apply(root).complete()).isTrue();

        OrganizationRepresentation bmi = organization("bund-bmi");
        assertThat(bmi.getAttributes()).containsEntry("dvc.level", java.util.List.of("federal"))
                .containsEntry("dvc.leitweg-id", java.util.List.of("991-33333TEST-33"))
                .containsEntry("dvc.managed-by", java.util.List.of("federation-config"));
        assertThat(bmi.getDomains()).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("bmi.bund.example");
            assertThat(d.isVerified()).isTrue();
        });
        IdentityProviderRepresentation idp = server.realm.storedIdps().get("bund-bmi");
        assertThat(idp.getOrganizationId()).as("linked to its agency").isEqualTo(bmi.getId());
        assertThat(idp.isHideOnLogin()).isTrue();
        assertThat(idp.isTrustEmail()).isTrue();
        assertThat(idp.getFirstBrokerLoginFlowAlias()).isEqualTo("dvc first broker login");
        assertThat(idp.getConfig()).containsEntry("clientSecret", TestServer.BMI_SECRET).containsEntry("pkceMethod", "S256")
                .containsEntry("kc.org.domain", "bmi.bund.example").containsEntry("dvc.managed-by", "federation-config")
                .containsEntry("dvc.config.secret-ref", "env:DVC_BUND_BMI_CLIENT_SECRET")
                .containsEntry("tokenUrl", TestServer.OIDC_ISSUER + "/token");
        IdentityProviderMapperRepresentation mapper = server.realm.storedMappers("berlin-senfin").get(0);
        assertThat(mapper.getIdentityProviderMapper()).isEqualTo("dvc-agency-profile");
        assertThat(mapper.getConfig()).containsEntry("profile", "saml-oid").containsEntry("assurance.max", "substantiell")
                .containsEntry("assurance.table", "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport = normal\n"
                        + "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI = substantiell");
        ClientRepresentation client = server.realm.storedClients().get(0);
        assertThat(client.getAttributes()).containsEntry("dvc.sector", "fachverfahren.bund.example")
                .containsEntry("dvc.policy.assurance", "substantiell").containsEntry("dvc.policy.agencies", "bund-bmi,berlin-senfin")
                .containsEntry("pkce.code.challenge.method", "S256");
        assertThat(client.getSecret()).isEqualTo(TestServer.SERVICE_SECRET);
        assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
    }

    @Test
    void aServiceGetsExactlyTheOptionalScopesOfItsFile() {
        Tree tree = Tree.valid(root);
        server.apply(root);
        String id = server.realm.storedClients().get(0).getId();
        assertThat(server.realm.optionalScopes(id)).as("none named: the realm's default optional scopes are removed").isEmpty();

        tree.replace("services/fachverfahren.yaml", "sector:", "scopes: [dvc-extra, offline_access]\nsector:");
        Plan plan = server.plan(root);
        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.fields()).extracting(f -> f.field() + ": " + f.after())
                .containsExactly("scopes: dvc-extra, offline_access"));
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.optionalScopes(id)).containsExactly("dvc-extra", "offline_access");
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void aSecondApplyFindsNothingToDoAndWritesNothing() {
        Tree.valid(root);
        server.apply(root);
        int writes = server.realm.writes();

        Plan plan = server.plan(root);
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.unchanged()).isEqualTo(7);
        assertThat(plan.unverified()).isEmpty();
        assertThat(server.apply(root).outcomes()).isEmpty();
        assertThat(server.realm.writes()).as("writes of the second apply").isEqualTo(writes);
    }

    @Test
    void aChangedFieldIsAnUpdateWithOldAndNewValue() {
        Tree tree = Tree.valid(root);
        server.apply(root);
        tree.replace("agencies/be/berlin-senfin.yaml", "maxAssurance: substantiell", "maxAssurance: hoch")
                .replace("agencies/be/berlin-senfin.yaml", "SmartcardPKI: substantiell", "SmartcardPKI: hoch");

        Plan plan = server.plan(root);
        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("UPDATE IDP berlin-senfin");
        assertThat(plan.changes().get(0).fields()).extracting(FieldChange::field, FieldChange::before, FieldChange::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("maxAssurance", "substantiell", "hoch"),
                        org.assertj.core.groups.Tuple.tuple("acrTable",
                                "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport = normal; urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI = substantiell",
                                "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport = normal; urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI = hoch"));
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.storedMappers("berlin-senfin").get(0).getConfig()).containsEntry("assurance.max", "hoch");
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void aRenamedIdpIsOneRenameAppliedAsDeleteAndCreate() {
        Tree tree = Tree.valid(root);
        server.apply(root);
        tree.replace("agencies/bund/bund-bmi.yaml", "alias: bund-bmi", "alias: bund-bmi-entra")
                .replace("settings.yaml", "idp: bund-bmi", "idp: bund-bmi-entra");

        Plan plan = server.plan(root);
        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("RENAME IDP bund-bmi → bund-bmi-entra",
                "UPDATE SETTINGS realm");
        assertThat(plan.changes().get(0).notes()).singleElement().asString().contains("log in through 'bund-bmi-entra' as new users");
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.storedIdps()).containsOnlyKeys("berlin-senfin", "bund-bmi-entra");
        assertThat(server.realm.storedIdps().get("bund-bmi-entra").getConfig()).containsEntry("clientSecret", TestServer.BMI_SECRET);
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void anAgencyRemovedFromTheFilesIsDeleted() {
        Tree tree = Tree.valid(root);
        server.apply(root);
        tree.delete("agencies/sh/gemeinde-01051001.yaml");

        Plan plan = server.plan(root);
        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("DELETE AGENCY gemeinde-01051001");
        assertThat(plan.unchanged()).isEqualTo(6);
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.storedOrganizations()).extracting(OrganizationRepresentation::getAlias)
                .containsExactlyInAnyOrder("berlin-senfin", "bund-bmi");
    }

    @Test
    void anIdpMovedToAnotherAgencyIsRelinked() {
        Tree tree = Tree.valid(root);
        server.apply(root);
        tree.file("agencies/be/berlin-senfin.yaml", "kind: Agency", "id: berlin-senfin",
                        "name: Senatsverwaltung für Finanzen Berlin", "shortName: SenFin", "level: state", "state: DE-BE",
                        "domains: [senfin.berlin.example]")
                .replace("agencies/sh/gemeinde-01051001.yaml", "domains: [albersdorf.sh.example]",
                        "domains: [albersdorf.sh.example]\nidps:\n  - alias: berlin-senfin\n    protocol: saml\n"
                                + "    metadataUrl: " + TestServer.SAML_METADATA + "\n    entityId: " + TestServer.SAML_ENTITY
                                + "\n    profile: saml-oid\n    maxAssurance: substantiell\n    acrTable:\n"
                                + "      urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport: normal\n"
                                + "      urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI: substantiell");

        Plan plan = server.plan(root);
        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("UPDATE IDP berlin-senfin");
        assertThat(plan.changes().get(0).fields()).extracting(FieldChange::field).containsExactly("agency", "domains");
        assertThat(plan.changes().get(0).notes()).anySatisfy(n -> assertThat(n).contains("moves to agency 'gemeinde-01051001'"));
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.storedIdps().get("berlin-senfin").getOrganizationId()).isEqualTo(organization("gemeinde-01051001").getId());
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void driftMadeByHandOnAnOwnedIdpIsRepaired() {
        Tree.valid(root);
        server.apply(root);
        IdentityProviderRepresentation changed = server.realm.identityProvider("berlin-senfin");
        changed.setHideOnLogin(false);
        changed.getConfig().put("wantAssertionsSigned", "false");
        server.realm.updateIdentityProvider(changed);

        Plan plan = server.plan(root);
        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.fields()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("dvcSettings");
            assertThat(f.before()).isEqualTo("changed by hand: hideOnLogin, wantAssertionsSigned");
        }));
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.storedIdps().get("berlin-senfin").getConfig()).containsEntry("wantAssertionsSigned", "true");
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void aChangedSecretIsAnUpdateThatNeverShowsTheSecret() {
        Tree.valid(root);
        server.apply(root);
        server.secrets(Map.of("env:DVC_BUND_BMI_CLIENT_SECRET", "rotated-7d3e", "file:/run/secrets/fachverfahren", TestServer.SERVICE_SECRET));

        Plan plan = server.plan(root);
        assertThat(plan.changes()).extracting(PlanApplyTest::line).containsExactly("UPDATE IDP bund-bmi");
        assertThat(plan.changes().get(0).fields()).singleElement().satisfies(f -> {
            assertThat(f.secret()).isTrue();
            assertThat(f.before() + f.after()).isEmpty();
        });
        assertThat(server.apply(root).complete()).isTrue();
        assertThat(server.realm.storedIdps().get("bund-bmi").getConfig()).containsEntry("clientSecret", "rotated-7d3e");
        assertThat(server.plan(root).hasChanges()).isFalse();
    }

    @Test
    void aSecretNotSetHereIsKeptWhenItsReferenceIsUnchangedAndNeededWhenNew() {
        Tree.valid(root);
        server.secrets(Map.of());
        Plan first = server.plan(root);
        assertThat(first.missingSecrets()).extracting(r -> r.reference())
                .containsExactlyInAnyOrder("env:DVC_BUND_BMI_CLIENT_SECRET", "file:/run/secrets/fachverfahren");

        server.secrets(Map.of("env:DVC_BUND_BMI_CLIENT_SECRET", TestServer.BMI_SECRET, "file:/run/secrets/fachverfahren", TestServer.SERVICE_SECRET));
        server.apply(root);
        server.secrets(Map.of());
        Plan later = server.plan(root);
        assertThat(later.hasChanges()).isFalse();
        assertThat(later.missingSecrets()).isEmpty();
        assertThat(later.unverified()).containsExactlyInAnyOrder("IdP bund-bmi", "service fachverfahren");
    }

    @Test
    void anIdpThatWouldAssertTwoDomainsIsAConflict() {
        Tree tree = Tree.valid(root);
        tree.replace("agencies/bund/bund-bmi.yaml", "domains: [bmi.bund.example]", "domains: [bmi.bund.example, bund.example]");

        Plan plan = server.plan(root);
        assertThat(plan.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ObjectKind.IDP);
            assertThat(c.code()).isEqualTo("idp_domains_unsupported");
        });
    }

    private OrganizationRepresentation organization(String alias) {
        return server.realm.storedOrganizations().stream().filter(o -> alias.equals(o.getAlias())).findFirst().orElseThrow();
    }
}
