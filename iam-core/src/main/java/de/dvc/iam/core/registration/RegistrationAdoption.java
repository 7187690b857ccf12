package de.dvc.iam.core.registration;

import java.util.Optional;

/**
 * Whether a self-service registration may move into the federation files ({@code dvc-config adopt}, issue "federation
 * as code"): from then on the files manage the IdP and the registration API only shows its history. Only what the
 * files can describe as it is moves, and nothing that is still under review:
 * <ul>
 *   <li>an approved registration (active or suspended): one under review would skip its four-eyes approval, a
 *       retired one has nothing left to manage;</li>
 *   <li>no pending change request: adopting would drop what the agency asked for, or approve it unseen;</li>
 *   <li>a SAML IdP whose metadata came from a URL: the files name a SAML IdP's metadata by URL or by a file, and the
 *       server keeps no copy of uploaded metadata to write one from.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RegistrationAdoption {

    private RegistrationAdoption() {
    }

    /**
     * @param metadataUrl where a SAML registration's metadata came from; null if it was uploaded (or for OIDC)
     * @return why the registration cannot be adopted; empty if it can
     */
    public static Optional<String> refusal(RegistrationState state, boolean changePending, String protocol, String metadataUrl) {
        if (state == RegistrationState.ADOPTED) {
            return Optional.of("It is adopted already: the federation files manage it.");
        }
        if (state != RegistrationState.ACTIVE && state != RegistrationState.SUSPENDED) {
            return Optional.of("A registration in state " + state.code() + " cannot be adopted: only an approved one (active or "
                    + "suspended). " + (state == RegistrationState.RETIRED ? "A retired one has nothing left to manage."
                    : "Adopting one under review would skip its four-eyes approval: approve it first, or describe the IdP in the "
                    + "files and withdraw the registration."));
        }
        if (changePending) {
            return Optional.of("A change request is pending: approve or withdraw it first (adopting would drop it).");
        }
        if ("saml".equals(protocol) && (metadataUrl == null || !metadataUrl.startsWith("https://") && !metadataUrl.startsWith("http://"))) {
            return Optional.of("Its SAML metadata was uploaded, and the files name a SAML IdP's metadata by URL or by file: the "
                    + "server keeps no copy to write one from. Update its metadata from a URL first (PUT …/metadata with "
                    + "metadataUrl), or describe the IdP in the files with its metadata file and withdraw the registration.");
        }
        return Optional.empty();
    }
}
