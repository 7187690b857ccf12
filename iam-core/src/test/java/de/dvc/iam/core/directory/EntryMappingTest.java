package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.Entry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntryMappingTest {

    private static Entry person() {
        Entry entry = new Entry("CN=Paul Becker,OU=Benutzer,DC=musterhausen,DC=example");
        entry.addAttribute("objectGUID", new byte[] {0x78, 0x56, 0x34, 0x12, (byte) 0xbc, (byte) 0x9a, (byte) 0xf0, (byte) 0xde, 0x12, 0x34,
                0x56, 0x78, (byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0});
        entry.addAttribute("givenName", "Paul");
        entry.addAttribute("sn", "Becker");
        entry.addAttribute("mail", "paul.becker@musterhausen.example");
        return entry;
    }

    @Test
    void aHostileDirectorysValuesAreBoundedBeforeTheyReachSessionsAndTokens() {
        Entry entry = person();
        entry.addAttribute("department", "x".repeat(EntryMapping.MAX_VALUE_LENGTH + 1));
        String[] many = new String[50];
        for (int i = 0; i < many.length; i++) {
            many[i] = "alias" + i + "@musterhausen.example";
        }
        entry.addAttribute("mail", many);
        entry.setAttribute("sn", "Becker\u202Ereb", "Beck\ner");

        DirectoryAccount account = EntryMapping.account("musterhausen-ad", DirectoryProfile.ACTIVE_DIRECTORY, GroupRoles.of(Map.of()), entry);

        assertThat(account.attributes().all("department")).as("over-long value dropped").isEmpty();
        assertThat(account.attributes().all("mail")).hasSize(EntryMapping.MAX_VALUES).first().isEqualTo("paul.becker@musterhausen.example");
        assertThat(account.attributes().all("sn")).as("bidi overrides and control characters dropped").isEmpty();
        assertThat(account.attributes().all("givenName")).containsExactly("Paul");
        assertThat(account.subject().id()).isEqualTo("12345678-9abc-def0-1234-56789abcdef0");
    }
}
