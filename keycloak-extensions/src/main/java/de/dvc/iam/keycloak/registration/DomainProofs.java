package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.outbound.GuardedHttpClient;
import de.dvc.iam.core.outbound.OutboundRefusedException;
import de.dvc.iam.core.registration.DomainProof;
import de.dvc.iam.core.registration.Principal;
import de.dvc.iam.core.registration.RegistrationAction;
import de.dvc.iam.keycloak.registration.RegistrationService.Result;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that an agency controls the domains its registration declares ({@link DomainProof}): the DNS TXT
 * record at the configured resolver, else the well-known file through the guarded client.
 */
final class DomainProofs {

    private final KeycloakSession session;
    private final RegistrationSettings settings;

    DomainProofs(KeycloakSession session, RegistrationSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /**
     * Checks every declared domain not proven yet: first its DNS TXT record, then its well-known file
     * (fetched through the guarded client); records what proved it and what it found.
     */
    Result proveDomains(Principal principal, String alias) {
        RegistrationService.Lookup found = RegistrationService.lookup(session, principal, alias, RegistrationAction.SUBMIT);
        if (found.refusal() != null) {
            return found.refusal();
        }
        IdentityProviderModel idp = found.idp();
        RegistrationRecord record = found.record();
        List<Map<String, Object>> checked = new java.util.ArrayList<>();
        for (String domain : record.domainsToProve()) {
            Map<String, Object> check = new java.util.LinkedHashMap<>();
            check.put("domain", domain);
            boolean proven = record.provenDomains().contains(domain);
            if (!proven) {
                DomainProof proof = record.proof(domain);
                List<String> problems = new java.util.ArrayList<>();
                Optional<String> by = byDnsRecord(proof, problems).or(() -> byWellKnownFile(proof, problems));
                if (by.isPresent()) {
                    record.proven(domain, principal.id(), by.get());
                    proven = true;
                } else {
                    check.put("problem", String.join(" ", problems));
                }
            }
            check.put("proven", proven);
            checked.add(check);
        }
        session.identityProviders().update(idp);
        Map<String, Object> body = RegistrationService.storedView(session, alias);
        body.put("checked", checked);
        return new Result(200, body);
    }

    private Optional<String> byDnsRecord(DomainProof proof, List<String> problems) {
        try {
            if (proof.provenBy(settings.dns().txt(proof.recordName()))) {
                return Optional.of("DNS TXT " + proof.recordName());
            }
            problems.add("No TXT record " + proof.recordName() + " with the expected value.");
        } catch (javax.naming.NamingException e) {
            problems.add("The DNS lookup of " + proof.recordName() + " failed; try again later.");
        }
        return Optional.empty();
    }

    private Optional<String> byWellKnownFile(DomainProof proof, List<String> problems) {
        java.net.URI uri = proof.wellKnownUri(settings.proofPort());
        try {
            GuardedHttpClient.Response file = settings.http().get(uri);
            if (proof.provenByFile(new String(file.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                return Optional.of("HTTPS file " + uri);
            }
            problems.add("The file " + uri + " has no line with the expected value.");
        } catch (OutboundRefusedException e) {
            problems.add("No proof file: " + e.getMessage());
        }
        return Optional.empty();
    }
}
