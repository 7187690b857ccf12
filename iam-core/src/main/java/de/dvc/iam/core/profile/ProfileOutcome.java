package de.dvc.iam.core.profile;

import java.util.List;
import java.util.Objects;

/** What applying an attribute profile to a login's assertion gave: an identity, or what is missing. */
public sealed interface ProfileOutcome {

    /** The assertion carries everything the profile requires. */
    record Accepted(AssertedIdentity identity) implements ProfileOutcome {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * Required contract attributes are missing; the login must be refused.
     *
     * @param missing     the contract attributes that are missing
     * @param releaseHint for each, the IdP attribute names the agency must release, e.g.
     *                    {@code "email (urn:oid:0.9.2342.19200300.100.1.3 or mail)"}
     */
    record Missing(List<ContractAttribute> missing, List<String> releaseHint) implements ProfileOutcome {
        public Missing {
            missing = List.copyOf(missing);
            releaseHint = List.copyOf(releaseHint);
            if (missing.isEmpty()) {
                throw new IllegalArgumentException("Missing needs at least one attribute.");
            }
        }
    }
}
