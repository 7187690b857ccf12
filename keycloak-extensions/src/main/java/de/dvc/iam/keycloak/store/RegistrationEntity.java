package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A registration of an agency IdP ({@code DVC_REGISTRATION}): its lifecycle state, who submitted it from where,
 * its validation report, a pending trust change and its refresh bookkeeping (the due-time queue). One row per IdP
 * registered through the API, in Keycloak's database and transaction; the IdP's own configuration keeps only what
 * a login needs (state and assertable domains, see RegistrationRecord).
 */
@Entity
@Table(name = "DVC_REGISTRATION")
public class RegistrationEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "ALIAS", length = 255, nullable = false)
    private String alias;
    @Column(name = "AGENCY", length = 255, nullable = false)
    private String agency;
    @Column(name = "PROTOCOL", length = 16, nullable = false)
    private String protocol;
    @Column(name = "STATE", length = 16, nullable = false)
    private String state;
    @Column(name = "SUBMITTER", length = 255)
    private String submitter;
    @Column(name = "SOURCE", length = 2000)
    private String source;
    /** The SAML entityID or the OIDC issuer: lookups and the duplicate check go through its index. */
    @Column(name = "ENTITY_ID", length = 1024)
    private String entityId;
    @Column(name = "DOMAIN_TOKEN", length = 100)
    private String domainToken;
    @Column(name = "PENDING_CHANGE")
    private String pendingChange;
    @Column(name = "REPORT")
    private String report;
    @Column(name = "CREATED_TIME", nullable = false)
    private long created;
    @Column(name = "UPDATED_TIME", nullable = false)
    private long updated;
    @Column(name = "EVENT_COUNT", nullable = false)
    private int eventCount;
    @Column(name = "LAST_REFRESH")
    private Long lastRefresh;
    @Column(name = "LAST_OUTCOME", length = 64)
    private String lastOutcome;
    @Column(name = "REFRESH_FAILURES", nullable = false)
    private int refreshFailures;
    @Column(name = "NEXT_REFRESH", nullable = false)
    private long nextRefresh;
    @Column(name = "DOCUMENT_HASH", length = 64)
    private String documentHash;
    @Column(name = "KEY_CHANGE_PENDING", nullable = false)
    private boolean keyChangePending;
    @Column(name = "CERT_EXPIRY")
    private Long certificateExpiry;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getAlias() { return alias; }
    public void setAlias(String alias) { this.alias = alias; }
    public String getAgency() { return agency; }
    public void setAgency(String agency) { this.agency = agency; }
    public String getProtocol() { return protocol; }
    public void setProtocol(String protocol) { this.protocol = protocol; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public String getSubmitter() { return submitter; }
    public void setSubmitter(String submitter) { this.submitter = submitter; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getEntityId() { return entityId; }
    public void setEntityId(String entityId) { this.entityId = entityId; }
    public String getDomainToken() { return domainToken; }
    public void setDomainToken(String domainToken) { this.domainToken = domainToken; }
    public String getPendingChange() { return pendingChange; }
    public void setPendingChange(String pendingChange) { this.pendingChange = pendingChange; }
    public String getReport() { return report; }
    public void setReport(String report) { this.report = report; }
    public long getCreated() { return created; }
    public void setCreated(long created) { this.created = created; }
    public long getUpdated() { return updated; }
    public void setUpdated(long updated) { this.updated = updated; }
    public int getEventCount() { return eventCount; }
    public void setEventCount(int eventCount) { this.eventCount = eventCount; }
    public Long getLastRefresh() { return lastRefresh; }
    public void setLastRefresh(Long lastRefresh) { this.lastRefresh = lastRefresh; }
    public String getLastOutcome() { return lastOutcome; }
    public void setLastOutcome(String lastOutcome) { this.lastOutcome = lastOutcome; }
    public int getRefreshFailures() { return refreshFailures; }
    public void setRefreshFailures(int refreshFailures) { this.refreshFailures = refreshFailures; }
    public long getNextRefresh() { return nextRefresh; }
    public void setNextRefresh(long nextRefresh) { this.nextRefresh = nextRefresh; }
    public String getDocumentHash() { return documentHash; }
    public void setDocumentHash(String documentHash) { this.documentHash = documentHash; }
    public boolean isKeyChangePending() { return keyChangePending; }
    public void setKeyChangePending(boolean keyChangePending) { this.keyChangePending = keyChangePending; }
    public Long getCertificateExpiry() { return certificateExpiry; }
    public void setCertificateExpiry(Long certificateExpiry) { this.certificateExpiry = certificateExpiry; }
}
