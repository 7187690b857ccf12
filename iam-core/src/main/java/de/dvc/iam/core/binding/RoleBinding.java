package de.dvc.iam.core.binding;

import de.dvc.iam.core.agency.Agency;
import de.dvc.iam.core.profile.AssertedIdentity;
import de.dvc.iam.core.profile.Role;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Role binding: the counterpart of {@link DomainBinding} for role parameters. A parameterized role
 * such as {@code Sachbearbeitung(GKZ=09162000)} (PVP-ROLES, see {@link Role}) says for which
 * territory or authority the role holds; a service that grants access per municipality reads the
 * parameter, so an agency could otherwise claim powers over another municipality's files. A role
 * whose parameter names an official key of another agency is therefore dropped:
 * <ul>
 *   <li>{@code AGS} or {@code GKZ} (Amtlicher Gemeindeschlüssel, Gemeindekennziffer): must be the
 *       agency's AGS, or the AGS contained in its ARS;</li>
 *   <li>{@code ARS} or {@code RS} (Amtlicher Regionalschlüssel): must be the agency's ARS;</li>
 *   <li>{@code agency} (the DVC agency id): must be the agency's id.</li>
 * </ul>
 * Parameter names are compared ignoring case; every value of such a parameter must match. Other
 * parameters ({@code Bereich=Z}) are the agency's internal matter and pass.
 *
 * <p>Why drop the role rather than refuse the login: a role only ever grants (access policies
 * require roles, none forbids by role), so without it the user has less, never more; and one stale
 * or mistyped role in an agency's directory should not lock all its users out. The whole role goes,
 * not just the foreign value, because a role that mixes own and foreign keys is a statement we cannot
 * take in part. Matching is exact: a district (5-digit AGS) does not vouch for its municipalities,
 * as the federation knows of no delegation between agencies.
 *
 * <p>Immutable and thread-safe.
 */
public final class RoleBinding {

    private enum Key { AGS, ARS, AGENCY }

    private static final Map<String, Key> KEYS = Map.of("ags", Key.AGS, "gkz", Key.AGS, "ars", Key.ARS, "rs", Key.ARS,
            "agency", Key.AGENCY);

    private final Agency agency;

    /** @param agency the agency whose IdP asserted the roles (from the federation's records, never from the assertion) */
    public RoleBinding(Agency agency) {
        this.agency = Objects.requireNonNull(agency, "agency");
    }

    /** {@code identity} without the roles whose official-key parameters name another agency. */
    public AssertedIdentity bind(AssertedIdentity identity) {
        List<Role> kept = identity.roles().stream().filter(this::admits).toList();
        return kept.size() == identity.roles().size() ? identity : new AssertedIdentity(identity.givenName(),
                identity.familyName(), identity.email(), identity.upn(), identity.orgUnit(), kept);
    }

    /** Whether every official key among the role's parameters is the agency's own. */
    public boolean admits(Role role) {
        return role.params().entrySet().stream().allMatch(param -> {
            Key key = KEYS.get(param.getKey().trim().toLowerCase(Locale.ROOT));
            return key == null || param.getValue().stream().allMatch(value -> own(key, value.trim()));
        });
    }

    private boolean own(Key key, String value) {
        return switch (key) {
            case AGS -> agency.ags().map(value::equals).orElse(false) || agsOfArs().map(value::equals).orElse(false);
            case ARS -> agency.ars().map(value::equals).orElse(false);
            case AGENCY -> agency.id().equals(value);
        };
    }

    /** The ARS holds the AGS: Land, Regierungsbezirk and Kreis (5 digits), Verband (4), Gemeinde (3). */
    private Optional<String> agsOfArs() {
        return agency.ars().map(ars -> ars.substring(0, 5) + ars.substring(9));
    }
}
