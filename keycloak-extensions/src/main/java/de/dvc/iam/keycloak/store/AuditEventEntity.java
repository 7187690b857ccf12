package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of the audit trail ({@code DVC_AUDIT_EVENT}). The id is the chain and the zero-padded sequence
 * number, so it sorts in write order within a chain and breaks ties of equal times in a stable order.
 * Written once, never updated; deleted only by retention.
 */
@Entity
@Table(name = "DVC_AUDIT_EVENT")
public class AuditEventEntity {

    @Id
    @Column(name = "ID", length = 100)
    private String id;
    @Column(name = "CHAIN_ID", length = 64, nullable = false)
    private String chain;
    @Column(name = "SEQ", nullable = false)
    private long seq;
    @Column(name = "REALM_ID", length = 36)
    private String realmId;
    @Column(name = "EVENT_TIME", nullable = false)
    private long eventTime;
    @Column(name = "TYPE", length = 32, nullable = false)
    private String eventType;
    @Column(name = "OUTCOME", length = 32, nullable = false)
    private String outcome;
    @Column(name = "REASON", length = 500)
    private String reason;
    @Column(name = "USER_KEY", length = 64)
    private String userKey;
    @Column(name = "AGENCY_USER", length = 255)
    private String agencyUser;
    @Column(name = "AGENCY", length = 255)
    private String agency;
    @Column(name = "IDP", length = 255)
    private String idp;
    @Column(name = "ACR", length = 32)
    private String acr;
    @Column(name = "SERVICE", length = 255)
    private String service;
    @Column(name = "ACTOR", length = 255)
    private String actor;
    @Column(name = "PREV_HASH", length = 64, nullable = false)
    private String previousHash;
    @Column(name = "HASH", length = 64, nullable = false)
    private String hash;

    public static String id(String chain, long seq) {
        return chain + "/" + String.format("%019d", seq);
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getChain() { return chain; }
    public void setChain(String chain) { this.chain = chain; }
    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getTime() { return eventTime; }
    public void setTime(long time) { this.eventTime = time; }
    public String getType() { return eventType; }
    public void setType(String type) { this.eventType = type; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getUser() { return userKey; }
    public void setUser(String user) { this.userKey = user; }
    public String getAgencyUser() { return agencyUser; }
    public void setAgencyUser(String agencyUser) { this.agencyUser = agencyUser; }
    public String getAgency() { return agency; }
    public void setAgency(String agency) { this.agency = agency; }
    public String getIdp() { return idp; }
    public void setIdp(String idp) { this.idp = idp; }
    public String getAcr() { return acr; }
    public void setAcr(String acr) { this.acr = acr; }
    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getPreviousHash() { return previousHash; }
    public void setPreviousHash(String previousHash) { this.previousHash = previousHash; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }
}
