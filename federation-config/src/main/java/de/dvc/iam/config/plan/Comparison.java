package de.dvc.iam.config.plan;

import de.dvc.iam.config.model.SecretReference;
import de.dvc.iam.config.state.Actual;
import de.dvc.iam.config.state.Desired;
import de.dvc.iam.config.state.DesiredAgency;
import de.dvc.iam.config.state.DesiredIdp;
import de.dvc.iam.config.state.DesiredService;
import de.dvc.iam.config.state.MetadataFile;
import de.dvc.iam.config.state.Secret;
import de.dvc.iam.config.state.ServerAgency;
import de.dvc.iam.config.state.ServerIdp;
import de.dvc.iam.config.state.ServerService;
import de.dvc.iam.config.state.Snapshot;
import de.dvc.iam.config.state.Write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Field by field comparison of a desired and an actual object of the same kind and name, for one plan.
 * Remembers the objects whose secret could not be verified. Not thread-safe.
 */
final class Comparison {

    /** The pseudo-field of DVC's required settings (broker settings, flows, …) in an update. */
    static final String DVC_SETTINGS = "dvcSettings";

    private final Map<String, Set<String>> kept = new HashMap<>();
    private final List<String> unverified = new CopyOnWriteArrayList<>();

    Comparison(Snapshot actual) {
        actual.agencies().forEach(a -> kept.put(a.name(), a.registrationDomains()));
    }

    /** The fields of a desired object; an agency's leave out the domains self-service registrations hold on the server. */
    Map<String, String> of(Desired desired) {
        if (desired instanceof DesiredAgency agency) {
            return Fields.agency(agency.spec(), kept.getOrDefault(agency.name(), Set.of()));
        }
        if (desired instanceof DesiredIdp idp) {
            return Fields.idp(idp.spec(), idp.agency(), idp.metadataFile().map(MetadataFile::sha256));
        }
        if (desired instanceof de.dvc.iam.config.state.DesiredSettings settings) {
            return Fields.settings(settings.holders(), settings.refresh().map(de.dvc.iam.core.registration.RefreshPolicy::encode));
        }
        return Fields.service(((DesiredService) desired).spec());
    }

    Map<String, String> of(Actual actual) {
        if (actual instanceof ServerAgency agency) {
            return Fields.agency(agency.spec(), agency.registrationDomains());
        }
        if (actual instanceof ServerIdp idp) {
            return Fields.idp(idp.spec(), idp.agency().orElse(""), idp.metadataSha256());
        }
        if (actual instanceof de.dvc.iam.config.state.ServerSettings settings) {
            return Fields.settings(settings.holders(), settings.refresh());
        }
        return Fields.service(((ServerService) actual).spec());
    }

    /** The fields that differ, secrets and DVC's required settings left out (what files and server say). */
    List<FieldChange> fields(Desired desired, Actual actual) {
        Map<String, String> before = of(actual);
        List<FieldChange> changes = new ArrayList<>();
        of(desired).forEach((field, after) -> {
            String was = before.getOrDefault(field, "");
            if (!was.equals(after)) {
                changes.add(new FieldChange(field, was, after, false));
            }
        });
        return changes;
    }

    /** What an update of an owned object changes: its fields, its secret, DVC's required settings it lost. */
    List<FieldChange> changes(Desired desired, Actual actual) {
        List<FieldChange> changes = fields(desired, actual);
        SecretComparison.Outcome secret = secret(desired, actual);
        String secretField = secretField(desired);
        if (secret == SecretComparison.Outcome.CHANGED && changes.stream().noneMatch(c -> c.field().equals(secretField))) {
            changes.add(FieldChange.secret(secretField));
        } else if (secret == SecretComparison.Outcome.NOT_VERIFIED) {
            unverified.add(desired.kind().label() + " " + desired.name());
        }
        List<String> deviations = deviations(actual);
        if (!deviations.isEmpty()) {
            changes.add(new FieldChange(DVC_SETTINGS, "changed by hand: " + String.join(", ", deviations), "as DVC requires", false));
        }
        return changes;
    }

    /** A create: every field with a value, and the secret (never its value). */
    List<FieldChange> created(Desired desired) {
        List<FieldChange> fields = new ArrayList<>();
        of(desired).forEach((field, value) -> {
            if (!value.isEmpty()) {
                fields.add(new FieldChange(field, "", value, false));
            }
        });
        secretOf(desired).ifPresent(s -> fields.add(FieldChange.secret(secretField(desired))));
        return fields;
    }

    /** Where the object's secret is written in the files: a directory's bind secret, or a client secret. */
    static String secretField(Desired desired) {
        return desired instanceof DesiredIdp idp ? idp.spec().secretField() : "clientSecret";
    }

    SecretComparison.Outcome secret(Desired desired, Actual actual) {
        Optional<SecretReference> recordedRef = Optional.empty();
        Optional<String> recordedPrint = Optional.empty();
        if (actual instanceof ServerIdp idp) {
            recordedRef = idp.spec().secretReference();
            recordedPrint = idp.secretFingerprint();
        } else if (actual instanceof ServerService service) {
            recordedRef = service.spec().clientSecret();
            recordedPrint = service.secretFingerprint();
        }
        return SecretComparison.compare(secretOf(desired), desired.name(), recordedRef, recordedPrint, actual.ownership().owned());
    }

    static Optional<Secret> secretOf(Desired desired) {
        if (desired instanceof DesiredIdp idp) {
            return idp.clientSecret();
        }
        return desired instanceof DesiredService service ? service.clientSecret() : Optional.empty();
    }

    static List<String> deviations(Actual actual) {
        if (actual instanceof ServerIdp idp) {
            return idp.deviations();
        }
        return actual instanceof ServerService service ? service.deviations() : List.of();
    }

    List<String> deviationNotes(Actual actual) {
        List<String> deviations = deviations(actual);
        return deviations.isEmpty() ? List.of() : List.of("lacks DVC's required settings: " + String.join(", ", deviations));
    }

    List<String> unverified() {
        return List.copyOf(unverified);
    }

    /** The secrets the writes need the value of — new, or changed — that are not set here. */
    Set<SecretReference> missingSecrets(List<PlannedChange> changes) {
        Set<SecretReference> missing = new HashSet<>();
        for (PlannedChange change : changes) {
            for (Write write : change.writes()) {
                Optional<Secret> secret = Optional.empty();
                if (write instanceof Write.Create create) {
                    secret = secretOf(create.desired());
                } else if (write instanceof Write.Update update
                        && secret(update.desired(), update.actual()) == SecretComparison.Outcome.CHANGED) {
                    secret = secretOf(update.desired());
                }
                secret.filter(s -> s.value().isEmpty()).ifPresent(s -> missing.add(s.reference()));
            }
        }
        return missing;
    }
}
