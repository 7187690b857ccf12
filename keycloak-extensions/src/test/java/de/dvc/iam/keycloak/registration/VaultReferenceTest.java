package de.dvc.iam.keycloak.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaultReferenceTest {

    @Test
    void whatKeycloakWouldResolveFromItsVaultIsRecognisedHoweverItIsWritten() {
        assertThat(VaultReference.looksLike("${vault.smtp-password}")).isTrue();
        assertThat(VaultReference.looksLike("  ${vault.other_agency_bind}")).isTrue();
        assertThat(VaultReference.looksLike("${ vault.x}")).isTrue();
        assertThat(VaultReference.looksLike("${vault.x}\n")).isTrue();
        assertThat(VaultReference.looksLike("s3cret-${vault.x}")).as("not resolved by Keycloak: only a whole-value reference is").isFalse();
        assertThat(VaultReference.looksLike("Sommer-2024!")).isFalse();
        assertThat(VaultReference.looksLike(null)).isFalse();
    }
}
