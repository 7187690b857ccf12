package de.dvc.iam.config.validate;

import de.dvc.iam.config.Problem;
import de.dvc.iam.config.model.AgencySpec;
import de.dvc.iam.config.model.Federation;
import de.dvc.iam.config.model.IdpSpec;
import de.dvc.iam.config.model.Protocol;
import de.dvc.iam.config.model.ServiceSpec;
import de.dvc.iam.config.model.SettingsSpec;
import de.dvc.iam.config.schema.FederationSchema;
import de.dvc.iam.core.registration.DomainClaimIndex;
import de.dvc.iam.core.registration.SamlMetadataValidator;
import de.dvc.iam.core.registration.SamlSchema;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code validate}: reads a federation directory and checks it — YAML, kind and schema per file
 * ({@link FederationLoader}), then the rules over the whole federation. Offline: nothing is fetched, no server
 * is asked. Thread-safe; files are read in parallel.
 */
public final class FederationValidator {

    private final FederationLoader loader;
    private final MetadataChecks metadata;
    private final Clock clock;

    public FederationValidator(FederationSchema schema, SamlMetadataValidator saml, Clock clock) {
        this(schema, MetadataChecks.uncached(saml), clock);
    }

    public FederationValidator(FederationSchema schema, MetadataChecks metadata, Clock clock) {
        this.loader = new FederationLoader(schema);
        this.metadata = metadata;
        this.clock = clock;
    }

    /**
     * The validator with the published schema and the SAML metadata schema of Keycloak's {@code keycloak-saml-core}
     * on the class path; without the latter, every metadata file fails with {@code schema_unavailable} (fail closed).
     */
    public static FederationValidator standard() {
        return standard(Optional.empty());
    }

    /**
     * As {@link #standard()}, with the metadata files' checks remembered in {@code cacheFile} ({@link MetadataChecks})
     * where the checking code can be identified.
     */
    public static FederationValidator standard(Optional<Path> cacheFile) {
        ClassLoader loader = FederationValidator.class.getClassLoader();
        javax.xml.validation.Schema samlSchema;
        try {
            samlSchema = SamlSchema.fromKeycloakResources(loader::getResourceAsStream);
        } catch (Exception e) {
            samlSchema = null;
        }
        SamlMetadataValidator saml = new SamlMetadataValidator(samlSchema);
        java.net.URL schemaSource = loader.getResource(SamlSchema.KEYCLOAK_RESOURCES.get(SamlSchema.METADATA));
        Optional<String> code = MetadataChecks.codeOf(SamlMetadataValidator.class, FederationValidator.class)
                .filter(c -> schemaSource != null).map(c -> c + schemaSource);
        MetadataChecks checks = cacheFile.isPresent() && code.isPresent() && samlSchema != null
                ? MetadataChecks.cachedIn(saml, cacheFile.get(), code.get()) : MetadataChecks.uncached(saml);
        return new FederationValidator(FederationSchema.load(), checks, Clock.systemUTC());
    }

    /** The metadata files' checks of this validator (how many were reused from the cache). */
    public MetadataChecks metadataChecks() {
        return metadata;
    }

    public ValidationReport validate(Path root) {
        FederationFiles.Read read = FederationFiles.read(root);
        return validate(root, read.files(), read.problems());
    }

    /** @param earlier problems found before, e.g. files that could not be read */
    public ValidationReport validate(Path root, List<SourceFile> files, List<Problem> earlier) {
        List<Problem> problems = new ArrayList<>(earlier);
        List<FederationLoader.Loaded> loaded = files.parallelStream().map(loader::load).toList();
        List<AgencySpec> agencies = new ArrayList<>();
        List<ServiceSpec> services = new ArrayList<>();
        List<SettingsSpec> settings = new ArrayList<>();
        java.util.Set<String> skipped = new java.util.HashSet<>();
        for (FederationLoader.Loaded file : loaded) {
            problems.addAll(file.problems());
            skipped.addAll(file.skipped());
            file.spec().ifPresent(spec -> FederationLoader.collect(spec, agencies, services, settings));
        }
        SettingsSpec effective = settings.isEmpty() ? SettingsSpec.DEFAULTS : settings.get(0);
        for (SettingsSpec extra : settings.subList(Math.min(1, settings.size()), settings.size())) {
            problems.add(Problem.error("settings_duplicate", extra.origin().orElseThrow().here(), "A second settings file; the "
                    + "first is " + effective.origin().orElseThrow().document().file() + ".", "one file of kind Settings"));
        }
        Federation federation = new Federation(agencies, services, effective);
        problems.addAll(rules(federation, new RuleContext(root, effective, metadata, clock.instant(), skipped)));
        metadata.save(); // a cache that cannot be written costs the next run's time only
        return new ValidationReport(federation, problems, files.size() + (int) earlier.stream()
                .filter(p -> p.where().line() == 0).count());
    }

    private static List<Problem> rules(Federation federation, RuleContext context) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<String>> domains = new LinkedHashMap<>();
        Map<String, AgencySpec> byId = new HashMap<>();
        Map<String, AgencySpec> byAlias = new HashMap<>();
        for (AgencySpec agency : federation.agencies()) {
            byId.putIfAbsent(agency.id(), agency);
            domains.putIfAbsent(agency.id(), agency.domains()); // a duplicate id is reported below
            agency.idps().forEach(idp -> byAlias.putIfAbsent(idp.alias(), agency));
        }
        DomainClaimIndex index = DomainClaimIndex.of(domains);
        // each agency's own rules in parallel (metadata files, domain checks); names across files in file order
        List<AgencyOutcome> outcomes = federation.agencies().parallelStream()
                .map(agency -> AgencyOutcome.of(agency, byId.get(agency.id()) == agency, index, context)).toList();
        UniqueNames agencyIds = new UniqueNames("duplicate_agency_id", "The agency id", "an id no other agency has");
        UniqueNames aliases = new UniqueNames("duplicate_idp_alias", "The IdP alias", "an alias no other IdP has");
        UniqueNames entityIds = new UniqueNames("duplicate_entity_id", "The SAML entityID", "one registration per IdP");
        UniqueNames issuers = new UniqueNames("duplicate_issuer", "The OIDC issuer", "one registration per IdP");
        for (AgencyOutcome outcome : outcomes) {
            AgencySpec agency = outcome.agency();
            problems.addAll(outcome.problems());
            agencyIds.add(agency.id(), agency.origin().at("id"), problems);
            for (int i = 0; i < agency.idps().size(); i++) {
                IdpSpec idp = agency.idps().get(i);
                aliases.add(idp.alias(), idp.origin().at("alias"), problems);
                outcome.entityIds().get(i).ifPresent(id -> entityIds.add(id, idp.origin().at(idp.metadataFile().isPresent()
                        && idp.entityId().isEmpty() ? "metadataFile" : "entityId"), problems));
                if (idp.protocol() == Protocol.OIDC) {
                    idp.issuer().ifPresent(issuer -> issuers.add(issuer, idp.origin().at("issuer"), problems));
                }
            }
        }
        UniqueNames clientIds = new UniqueNames("duplicate_client_id", "The client id", "a client id no other service has");
        for (ServiceSpec service : federation.services()) {
            clientIds.add(service.clientId(), service.origin().at("clientId"), problems);
            FileNames.check(service.origin(), service.clientId(), "clientId", problems);
            ServiceRules.check(service, context, byId.keySet(), problems);
        }
        SettingsRules.check(federation.settings(), byAlias, byId, context, problems);
        return problems;
    }

    /** One agency's own problems and the entityID of each of its IdPs (where known). */
    private record AgencyOutcome(AgencySpec agency, List<Problem> problems, List<Optional<String>> entityIds) {

        /** @param first whether this is the first agency of its id (a later one is only reported as duplicate) */
        static AgencyOutcome of(AgencySpec agency, boolean first, DomainClaimIndex index, RuleContext context) {
            List<Problem> problems = new ArrayList<>();
            FileNames.check(agency.origin(), agency.id(), "id", problems);
            if (first) {
                AgencyRules.check(agency, index, problems);
            }
            List<Optional<String>> entityIds = new ArrayList<>();
            for (IdpSpec idp : agency.idps()) {
                entityIds.add(IdpRules.check(idp, context, problems));
            }
            return new AgencyOutcome(agency, problems, entityIds);
        }
    }
}
