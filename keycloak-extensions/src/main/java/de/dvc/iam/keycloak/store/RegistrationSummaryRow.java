package de.dvc.iam.keycloak.store;

/**
 * What a list shows of a registration, read by a constructor expression: the columns of the summary only, never the
 * report or the pending change (large text a page of 100 would otherwise load and discard).
 */
public record RegistrationSummaryRow(String alias, String agency, String protocol, String state, String entityId, String source,
                                     String submitter, long created, Long lastRefresh, String lastOutcome, int refreshFailures,
                                     boolean keyChangePending, Long certificateExpiry) {
}
