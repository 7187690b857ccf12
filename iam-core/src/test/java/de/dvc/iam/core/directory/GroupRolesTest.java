package de.dvc.iam.core.directory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupRolesTest {

    @Test
    void groupsMatchAsDnsOrByCommonNameAndOnlyListedOnesGiveRoles() {
        GroupRoles roles = GroupRoles.of(Map.of(
                "CN=GG-Bauamt,OU=Gruppen,DC=musterhausen,DC=example", "Sachbearbeitung",
                "gg-personal", "Personalverwaltung"));

        assertThat(roles.roles(List.of(
                "cn=gg-bauamt, ou=Gruppen, dc=Musterhausen, dc=example", // same DN, other case and spacing
                "CN=GG-Personal,OU=Anderswo,DC=musterhausen,DC=example",  // listed by its common name
                "CN=GG-Kantine,OU=Gruppen,DC=musterhausen,DC=example",    // not listed
                "not a dn")))
                .containsExactly("Sachbearbeitung", "Personalverwaltung");
        assertThat(GroupRoles.none().roles(List.of("CN=GG-Bauamt,OU=Gruppen,DC=musterhausen,DC=example"))).isEmpty();
    }

    @Test
    void aGroupInAnotherBranchIsAnotherGroup() {
        GroupRoles roles = GroupRoles.of(Map.of("CN=Admins,OU=Gruppen,DC=musterhausen,DC=example", "Admin"));

        assertThat(roles.roles(List.of("CN=Admins,OU=Fremd,DC=musterhausen,DC=example"))).isEmpty();
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> GroupRoles.of(Map.of("CN=x,,", "Admin"))).hasMessageContaining("not a valid group DN");
        assertThatThrownBy(() -> GroupRoles.of(Map.of("GG-Bauamt", " "))).hasMessageContaining("role name");
    }
}
