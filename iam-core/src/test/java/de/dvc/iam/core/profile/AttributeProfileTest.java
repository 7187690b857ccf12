package de.dvc.iam.core.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeProfileTest {

    private static AssertedIdentity accepted(ProfileOutcome outcome) {
        assertThat(outcome).isInstanceOf(ProfileOutcome.Accepted.class);
        return ((ProfileOutcome.Accepted) outcome).identity();
    }

    @Test
    void readsAdfsClaimUris() {
        AssertedAttributes adfs = AssertedAttributes.builder()
                .add("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "Anna")
                .add("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "Schmidt")
                .add("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "A.Schmidt@SenFin.Berlin.example")
                .add("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "Haushalt")
                .add("http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "Personal")
                .add("http://schemas.xmlsoap.org/claims/department", "Referat II A")
                .build();

        AssertedIdentity identity = accepted(AttributeProfiles.ADFS.apply(adfs));

        assertThat(identity.email()).as("UPN stands in for a missing email, lower-cased").isEqualTo("a.schmidt@senfin.berlin.example");
        assertThat(identity.upn()).isEqualTo("a.schmidt@senfin.berlin.example");
        assertThat(identity.roles()).extracting(Role::name).containsExactly("Haushalt", "Personal");
        assertThat(identity.orgUnit()).isEqualTo(new OrgUnit("Referat II A", null));
    }

    @Test
    void readsSamlOidsAndFriendlyNames() {
        AssertedAttributes shibboleth = AssertedAttributes.of(Map.of(
                "urn:oid:2.5.4.42", List.of("Anna"), "sn", List.of("Schmidt"),
                "urn:oid:0.9.2342.19200300.100.1.3", List.of("anna@senfin.berlin.example"),
                "urn:oid:1.3.6.1.4.1.5923.1.1.1.7", List.of("urn:dvc:role:haushalt"),
                "ou", List.of("II A")));

        AssertedIdentity identity = accepted(AttributeProfiles.SAML_OID.apply(shibboleth));

        assertThat(identity.familyName()).isEqualTo("Schmidt");
        assertThat(identity.roles()).containsExactly(Role.named("urn:dvc:role:haushalt"));
        assertThat(identity.orgUnit().name()).isEqualTo("II A");
    }

    @Test
    void readsPvpRolesWithParametersAndTheOrgUnitCode() {
        AssertedAttributes pvp = AssertedAttributes.builder()
                .add("urn:oid:2.5.4.42", "Jonas").add("urn:oid:1.2.40.0.10.2.1.1.261.20", "Weber")
                .add("urn:oid:0.9.2342.19200300.100.1.3", "jonas.weber@bmi.bund.example")
                .add("urn:oid:1.2.40.0.10.2.1.1.3", "BMI-Z2")
                .add("urn:oid:1.2.40.0.10.2.1.1.261.30", "Sachbearbeitung(GKZ=09162000,GKZ=09184000);Leitung")
                .add("urn:oid:1.2.40.0.10.2.1.1.261.30", "kaputt(ohne Gleichheitszeichen)")
                .build();

        AssertedIdentity identity = accepted(AttributeProfiles.PVP.apply(pvp));

        assertThat(identity.roles()).containsExactly(
                new Role("Sachbearbeitung", Map.of("GKZ", List.of("09162000", "09184000"))), Role.named("Leitung"));
        assertThat(identity.orgUnit()).isEqualTo(new OrgUnit(null, "BMI-Z2"));
    }

    @Test
    void readsActiveDirectoryGroupsAsTheirCommonName() {
        AssertedAttributes ad = AssertedAttributes.builder()
                .add("givenName", "Anna").add("sn", "Schmidt").add("mail", "anna@kreis-pinneberg.example")
                .add("memberOf", "CN=GG-Bauamt\\, Sachgebiet 1,OU=Gruppen,DC=kreis,DC=local")
                .add("memberOf", "CN=Alle,OU=Gruppen,DC=kreis,DC=local")
                .build();

        assertThat(accepted(AttributeProfiles.ACTIVE_DIRECTORY.apply(ad)).roles()).extracting(Role::name)
                .containsExactly("GG-Bauamt, Sachgebiet 1", "Alle");
    }

    @Test
    void oidcEmailCountsOnlyWhenVerified() {
        AssertedAttributes.Builder base = AssertedAttributes.builder()
                .add("given_name", "Jonas").add("family_name", "Weber").add("email", "jonas@bmi.bund.example");

        assertThat(accepted(AttributeProfiles.OIDC.apply(AssertedAttributes.builder()
                .add("given_name", "Jonas").add("family_name", "Weber").add("email", "jonas@bmi.bund.example")
                .add("email_verified", "true").build())).email()).isEqualTo("jonas@bmi.bund.example");

        ProfileOutcome unverified = AttributeProfiles.OIDC.apply(AssertedAttributes.builder()
                .add("given_name", "Jonas").add("family_name", "Weber").add("email", "jonas@bmi.bund.example")
                .add("email_verified", "false").build());
        ProfileOutcome missingFlag = AttributeProfiles.OIDC.apply(base.build());

        for (ProfileOutcome outcome : List.of(unverified, missingFlag)) {
            assertThat(outcome).isInstanceOfSatisfying(ProfileOutcome.Missing.class, missing -> {
                assertThat(missing.missing()).containsExactly(ContractAttribute.EMAIL);
                assertThat(missing.releaseHint()).containsExactly("email (email) with email_verified=true");
            });
        }
    }

    @Test
    void namesEveryMissingAttributeAndWhereTheAgencyMustReleaseIt() {
        ProfileOutcome outcome = AttributeProfiles.SAML_OID.apply(AssertedAttributes.builder().add("urn:oid:2.5.4.42", "Anna").build());

        assertThat(outcome).isInstanceOfSatisfying(ProfileOutcome.Missing.class, missing -> {
            assertThat(missing.missing()).containsExactly(ContractAttribute.FAMILY_NAME, ContractAttribute.EMAIL);
            assertThat(missing.releaseHint()).containsExactly("family_name (urn:oid:2.5.4.4 or sn)",
                    "email (urn:oid:0.9.2342.19200300.100.1.3 or mail)");
        });
    }

    @Test
    void overridesChangeSourcesRequiredAttributesAndRoleSyntax() {
        AttributeProfile adjusted = ProfileOverrides.apply(AttributeProfiles.SAML_OID, """
                # this IdP sends its org unit code as a custom attribute
                org_unit.code = urn:oid:1.3.6.1.4.1.99999.1
                required = given_name, family_name, org_unit.code
                roles.syntax = pvp
                roles = urn:oid:1.2.40.0.10.2.1.1.261.30
                """);

        ProfileOutcome withoutCode = adjusted.apply(AssertedAttributes.builder()
                .add("givenName", "Anna").add("sn", "Schmidt").build());
        ProfileOutcome withCode = adjusted.apply(AssertedAttributes.builder()
                .add("givenName", "Anna").add("sn", "Schmidt").add("urn:oid:1.3.6.1.4.1.99999.1", "Z2")
                .add("urn:oid:1.2.40.0.10.2.1.1.261.30", "Leitung(Bereich=Z)").build());

        assertThat(withoutCode).isInstanceOf(ProfileOutcome.Missing.class);
        AssertedIdentity identity = accepted(withCode);
        assertThat(identity.email()).as("email no longer required").isNull();
        assertThat(identity.roles()).containsExactly(new Role("Leitung", Map.of("Bereich", List.of("Z"))));
    }

    @Test
    void badOverridesNameTheirLine() {
        assertThatThrownBy(() -> ProfileOverrides.apply(AttributeProfiles.OIDC, "given_name = gn\nnickname = x"))
                .hasMessageContaining("line 2").hasMessageContaining("Unknown contract attribute 'nickname'");
        assertThatThrownBy(() -> ProfileOverrides.apply(AttributeProfiles.OIDC, "roles.syntax = xml"))
                .hasMessageContaining("line 1").hasMessageContaining("plain, pvp, ldap-dn");
        assertThatThrownBy(() -> ProfileOverrides.apply(AttributeProfiles.OIDC, "email ="))
                .hasMessageContaining("requires email but names no IdP attribute");
        assertThatThrownBy(() -> AttributeProfiles.named("shibboleth")).hasMessageContaining("oidc, entra, adfs, saml-oid, pvp, ad");
    }

    @Test
    void capsTheNumberOfRoles() {
        AssertedAttributes.Builder many = AssertedAttributes.builder()
                .add("given_name", "A").add("family_name", "B").add("upn", "a@b.example");
        for (int i = 0; i < 500; i++) {
            many.add("roles", "role-" + i);
        }

        assertThat(accepted(AttributeProfiles.ENTRA.apply(many.build())).roles()).hasSize(RoleSyntax.MAX_ROLES);
    }

    @Test
    void theRoleCapCountsAllRoleAttributesTogether() {
        AssertedAttributes.Builder two = AssertedAttributes.builder()
                .add("givenName", "A").add("sn", "B").add("mail", "a@b.example");
        for (int i = 0; i < 80; i++) {
            two.add("urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "oid-" + i).add("eduPersonEntitlement", "friendly-" + i);
        }
        two.add("eduPersonEntitlement", "oid-0");

        List<Role> roles = accepted(AttributeProfiles.SAML_OID.apply(two.build())).roles();

        assertThat(roles).hasSize(RoleSyntax.MAX_ROLES).doesNotHaveDuplicates();
        assertThat(roles.get(0)).isEqualTo(Role.named("oid-0"));
        assertThat(roles.get(80)).as("the first source's roles first").isEqualTo(Role.named("friendly-0"));
    }
}
