package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An invitation to become an agency admin ({@code DVC_INVITATION}; iam-core {@code Invitation}). The link's code is
 * kept only as its SHA-256 hash (unique). Accepting or revoking sets a time once; a row is never deleted by the API,
 * so the agency's page shows who was invited, by whom and what became of it.
 */
@Entity
@Table(name = "DVC_INVITATION")
public class InvitationEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "AGENCY", length = 64, nullable = false)
    private String agency;
    @Column(name = "EMAIL", length = 254, nullable = false)
    private String email;
    @Column(name = "INVITEE_NAME", length = 100, nullable = false)
    private String name;
    @Column(name = "CODE_HASH", length = 64, nullable = false)
    private String codeHash;
    @Column(name = "INVITED_BY", length = 255, nullable = false)
    private String invitedBy;
    @Column(name = "CREATED_TIME", nullable = false)
    private long created;
    @Column(name = "EXPIRES_TIME", nullable = false)
    private long expires;
    @Column(name = "ACCEPTED_TIME")
    private Long accepted;
    @Column(name = "REVOKED_TIME")
    private Long revoked;
    @Column(name = "USER_ID", length = 36)
    private String userId;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getAgency() { return agency; }
    public void setAgency(String agency) { this.agency = agency; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCodeHash() { return codeHash; }
    public void setCodeHash(String codeHash) { this.codeHash = codeHash; }
    public String getInvitedBy() { return invitedBy; }
    public void setInvitedBy(String invitedBy) { this.invitedBy = invitedBy; }
    public long getCreated() { return created; }
    public void setCreated(long created) { this.created = created; }
    public long getExpires() { return expires; }
    public void setExpires(long expires) { this.expires = expires; }
    public Long getAccepted() { return accepted; }
    public void setAccepted(Long accepted) { this.accepted = accepted; }
    public Long getRevoked() { return revoked; }
    public void setRevoked(Long revoked) { this.revoked = revoked; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
}
