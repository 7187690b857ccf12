package de.dvc.iam.core.registration;

import java.util.Locale;

/**
 * Where an agency IdP registration stands (Registrierungsstatus). Only {@link #ACTIVE} IdPs take
 * production logins.
 */
public enum RegistrationState {
    /** Stored, but validation has not passed (not used by the API: invalid submissions are not stored). */
    SUBMITTED,
    /** The validation report has no error. */
    VALIDATED,
    /** The agency admin completed a real login through the IdP in the sandbox. */
    TESTED,
    /** Approved by a federation operator other than the submitter: takes logins. */
    ACTIVE,
    /** Taken out of service for now; can be reactivated by a federation operator. */
    SUSPENDED,
    /** Withdrawn by the agency or retired by the federation: final. */
    RETIRED,
    /**
     * Moved into the federation files ({@code dvc-config adopt}, {@link RegistrationAdoption}): the files manage the IdP
     * from then on; final for the API, its history kept.
     */
    ADOPTED;

    /** Whether an IdP in this state is out of service: disabled, and its users' sessions ended on the way there. */
    public boolean outOfService() {
        return this == SUSPENDED || this == RETIRED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RegistrationState fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
