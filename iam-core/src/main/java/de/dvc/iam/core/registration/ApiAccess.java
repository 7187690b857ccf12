package de.dvc.iam.core.registration;

import de.dvc.iam.core.assurance.AssuranceLevel;

import java.util.Optional;
import java.util.Set;

/**
 * Which access tokens the registration API accepts, and which logins carry operator power.
 *
 * <p>A token is accepted only if it was issued to one of the API's own clients ({@code azp}): a token
 * that a cloud service holds for one of its users (and may leak) never administers the federation.
 * Operator power needs, besides the role, an operator-grade login: through one of the IdPs the
 * federation names for its operators, at least at {@code operatorMinimum}. Without named operator IdPs
 * nobody has operator power (fail closed).
 *
 * <p>Immutable and thread-safe.
 *
 * @param clients         client ids whose tokens the API accepts (e.g. {@code dvc-registration-cli})
 * @param operatorIdps    aliases of the IdPs whose logins may carry operator power
 * @param operatorMinimum the least assurance of an operator's login
 */
public record ApiAccess(Set<String> clients, Set<String> operatorIdps, AssuranceLevel operatorMinimum) {

    public ApiAccess {
        clients = Set.copyOf(clients);
        operatorIdps = Set.copyOf(operatorIdps);
    }

    /** Why a token issued to {@code azp} is not accepted, or empty if it is. */
    public Optional<String> tokenRefusal(String azp) {
        if (azp != null && clients.contains(azp)) {
            return Optional.empty();
        }
        return Optional.of("This API accepts only access tokens issued to " + String.join(" or ", clients.stream().sorted().toList())
                + " (see docs/agency-admins.md); the token was issued to '" + (azp == null ? "" : azp.replaceAll("\\p{Cntrl}", "?"))
                + "'.");
    }

    /** Why a login through {@code homeIdp} at {@code level} does not carry operator power, or empty if it does. */
    public Optional<String> operatorRefusal(String homeIdp, AssuranceLevel level) {
        if (homeIdp == null || !operatorIdps.contains(homeIdp)) {
            return Optional.of("Operator actions need a login through one of the federation's operator IdPs "
                    + (operatorIdps.isEmpty() ? "(none is configured: option operator-idps)" : operatorIdps.stream().sorted().toList())
                    + ".");
        }
        if (level == null || !level.atLeast(operatorMinimum)) {
            return Optional.of("Operator actions need a login at assurance '" + operatorMinimum.code() + "' or higher; this login has '"
                    + (level == null ? "none" : level.code()) + "'.");
        }
        return Optional.empty();
    }
}
