package de.dvc.iam.core.directory;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DirectorySettingsChangeTest {

    private static final Map<String, Object> STORED = Map.of("url", "ldaps://dc.musterhausen.example", "baseDn", "OU=Benutzer,DC=m",
            "poolSize", 4);

    @Test
    void aNewSecretAndAnotherPoolSizeAreTheAgencysToChange() {
        DirectorySettingsChange change = DirectorySettingsChange.between(STORED, Map.of("url", "ldaps://dc.musterhausen.example",
                "baseDn", "OU=Benutzer,DC=m", "poolSize", 8, "bindSecret", "neu"));
        assertThat(change.changed()).containsExactly("poolSize");
        assertThat(change.operatorOnly()).isEmpty();
        assertThat(change.note()).isEqualTo("poolSize, bind secret replaced").doesNotContain("neu");
    }

    @Test
    void whomTheDirectoryVouchesForIsTheOperatorsToChangeAlsoByLeavingASettingOut() {
        DirectorySettingsChange change = DirectorySettingsChange.between(STORED, Map.of("url", "ldaps://other.example", "poolSize", 4));
        assertThat(change.operatorOnly()).containsExactly("baseDn", "url");
        assertThat(change.newSecret()).isFalse();
        assertThat(DirectorySettingsChange.between(STORED, STORED).note()).isEqualTo("settings unchanged");
    }
}
