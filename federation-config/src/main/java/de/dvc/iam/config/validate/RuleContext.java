package de.dvc.iam.config.validate;

import de.dvc.iam.config.model.SettingsSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * What the rules need besides the spec they check.
 *
 * @param root     the federation directory: metadata files must lie inside it
 * @param settings the federation's settings (or their defaults)
 * @param metadata iam-core's metadata validator (with the SAML schema of Keycloak's distribution), perhaps cached
 * @param now      the time to check certificates and validUntil against
 * @param skipped  agency ids and IdP aliases of agency files left out for their own errors: a reference to one
 *                 is not reported as unknown as well
 */
record RuleContext(Path root, SettingsSpec settings, MetadataChecks metadata, Instant now, Set<String> skipped) {

    RuleContext {
        skipped = Set.copyOf(skipped);
    }

    /** Whether {@code name} is an agency id or IdP alias of these files, valid or not. */
    boolean known(String name, Set<String> valid) {
        return valid.contains(name) || skipped.contains(name);
    }
}
