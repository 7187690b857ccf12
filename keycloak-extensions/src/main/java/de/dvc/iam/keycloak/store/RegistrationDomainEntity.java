package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A domain of a registration and its proof ({@code DVC_REGISTRATION_DOMAIN}): registered ({@code position} ≥ 0, the
 * order the agency gave) or proven ahead for a pending change ({@code position} -1), proven or not. Lookups by domain
 * go through its index.
 */
@Entity
@Table(name = "DVC_REGISTRATION_DOMAIN")
public class RegistrationDomainEntity {

    @Id
    @Column(name = "ID", length = 300)
    private String id;
    @Column(name = "REGISTRATION_ID", length = 36, nullable = false)
    private String registrationId;
    @Column(name = "DOMAIN_NAME", length = 253, nullable = false)
    private String domain;
    @Column(name = "POSITION", nullable = false)
    private int position;
    @Column(name = "PROVEN_TIME")
    private Long provenTime;
    @Column(name = "PROVEN_BY", length = 255)
    private String provenBy;

    public static String id(String registrationId, String domain) {
        return registrationId + "/" + domain;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRegistrationId() { return registrationId; }
    public void setRegistrationId(String registrationId) { this.registrationId = registrationId; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }
    public Long getProvenTime() { return provenTime; }
    public void setProvenTime(Long provenTime) { this.provenTime = provenTime; }
    public String getProvenBy() { return provenBy; }
    public void setProvenBy(String provenBy) { this.provenBy = provenBy; }
}
