package de.dvc.iam.core.profile;

/**
 * The user's organisational unit (Organisationseinheit) within the agency. At least one of the two
 * is present.
 *
 * @param name e.g. "Referat Z 2 - Personal"; null if the IdP sent none
 * @param code e.g. a PVP OU-GV-OU-ID or an internal cost-centre code; null if the IdP sent none
 */
public record OrgUnit(String name, String code) {

    public OrgUnit {
        if (name == null && code == null) {
            throw new IllegalArgumentException("An org unit needs a name or a code.");
        }
    }
}
