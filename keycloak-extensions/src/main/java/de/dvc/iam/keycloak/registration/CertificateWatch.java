package de.dvc.iam.keycloak.registration;

import de.dvc.iam.core.registration.CertificateCheck;
import de.dvc.iam.keycloak.store.RegistrationEntity;

import java.time.Instant;

/**
 * Watches a registration's first signing certificate at each refresh, fetched or not (metadata registered as XML
 * expires too): days left as a metric ({@link RefreshMetrics}), and a {@code certificate_expiring} event when it
 * expires within {@link CertificateCheck#EXPIRY_WARNING}. Reads the expiry kept in the row; parses no certificate.
 * Thread-safe.
 */
final class CertificateWatch {

    private final RefreshMetrics metrics;

    CertificateWatch(RefreshMetrics metrics) {
        this.metrics = metrics;
    }

    void watch(RegistrationEntity row, Instant now) {
        if (row.getCertificateExpiry() == null) {
            return;
        }
        Instant notAfter = Instant.ofEpochMilli(row.getCertificateExpiry());
        metrics.certificateExpires(row.getAgency(), row.getAlias(), notAfter, now);
        if (CertificateCheck.expiresSoon(notAfter, now)) {
            RefreshEvents.certificateExpiring(row.getAgency(), row.getAlias(), notAfter);
        }
    }
}
