package de.dvc.iam.core.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationAdoptionTest {

    private static final String URL = "https://idp.berlin.example/metadata";

    @Test
    void anApprovedRegistrationWithoutPendingChangeMoves() {
        assertThat(RegistrationAdoption.refusal(RegistrationState.ACTIVE, false, "saml", URL)).isEmpty();
        assertThat(RegistrationAdoption.refusal(RegistrationState.SUSPENDED, false, "saml", URL)).isEmpty();
        assertThat(RegistrationAdoption.refusal(RegistrationState.ACTIVE, false, "oidc", null)).isEmpty();
    }

    @Test
    void nothingUnderReviewRetiredOrAdoptedMoves() {
        assertThat(RegistrationAdoption.refusal(RegistrationState.VALIDATED, false, "saml", URL)).get().asString()
                .contains("four-eyes");
        assertThat(RegistrationAdoption.refusal(RegistrationState.TESTED, false, "saml", URL)).get().asString()
                .contains("state tested");
        assertThat(RegistrationAdoption.refusal(RegistrationState.RETIRED, false, "saml", URL)).get().asString()
                .contains("nothing left");
        assertThat(RegistrationAdoption.refusal(RegistrationState.ADOPTED, false, "saml", URL)).get().asString()
                .contains("adopted already");
    }

    @Test
    void aPendingChangeOrUploadedMetadataStopsIt() {
        assertThat(RegistrationAdoption.refusal(RegistrationState.ACTIVE, true, "saml", URL)).get().asString()
                .contains("change request is pending");
        assertThat(RegistrationAdoption.refusal(RegistrationState.ACTIVE, false, "saml", "metadata XML")).get().asString()
                .contains("uploaded");
        assertThat(RegistrationAdoption.refusal(RegistrationState.ACTIVE, false, "saml", null)).get().asString()
                .contains("uploaded");
    }

    @Test
    void anAdoptedRegistrationCannotBeRetiredThroughTheApi() {
        Principal operator = new Principal("op-1", true, null);
        assertThat(RegistrationPolicy.next(RegistrationState.ADOPTED, RegistrationAction.RETIRE, operator, "x").allowed()).isFalse();
        assertThat(RegistrationPolicy.next(RegistrationState.ACTIVE, RegistrationAction.RETIRE, operator, "x").allowed()).isTrue();
    }
}
