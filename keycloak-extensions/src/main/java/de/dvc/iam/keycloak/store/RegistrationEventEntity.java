package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One entry of a registration's history ({@code DVC_REGISTRATION_EVENT}): a transition (from and to set) or an
 * event (refresh, proof, update). Written once, never changed; the audit trail holds the same entry as a row.
 */
@Entity
@Table(name = "DVC_REGISTRATION_EVENT")
public class RegistrationEventEntity {

    @Id
    @Column(name = "ID", length = 48)
    private String id;
    @Column(name = "REGISTRATION_ID", length = 36, nullable = false)
    private String registrationId;
    @Column(name = "SEQ", nullable = false)
    private int seq;
    @Column(name = "EVENT_TIME", nullable = false)
    private long eventTime;
    @Column(name = "ACTION", length = 64, nullable = false)
    private String action;
    @Column(name = "FROM_STATE", length = 16)
    private String fromState;
    @Column(name = "TO_STATE", length = 16)
    private String toState;
    @Column(name = "ACTOR", length = 255)
    private String actor;
    @Column(name = "REASON", length = 500)
    private String reason;

    /** The id: registration and zero-padded sequence number, so a registration's entries sort in write order. */
    public static String id(String registrationId, int seq) {
        return registrationId + "/" + String.format("%010d", seq);
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRegistrationId() { return registrationId; }
    public void setRegistrationId(String registrationId) { this.registrationId = registrationId; }
    public int getSeq() { return seq; }
    public void setSeq(int seq) { this.seq = seq; }
    public long getEventTime() { return eventTime; }
    public void setEventTime(long eventTime) { this.eventTime = eventTime; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getFromState() { return fromState; }
    public void setFromState(String fromState) { this.fromState = fromState; }
    public String getToState() { return toState; }
    public void setToState(String toState) { this.toState = toState; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
