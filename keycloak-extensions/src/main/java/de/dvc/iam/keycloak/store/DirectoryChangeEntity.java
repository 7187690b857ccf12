package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One change to a realm's agency directory ({@code DVC_DIRECTORY_CHANGE}): an organization (agency) or an IdP changed,
 * or something unknown ({@code all}). Written in the change's transaction; every node reads the changes since its
 * last look and updates only those agencies. Rows older than an hour are deleted.
 */
@Entity
@Table(name = "DVC_DIRECTORY_CHANGE")
public class DirectoryChangeEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;
    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;
    @Column(name = "CHANGE_KEY", length = 255)
    private String key;
    @Column(name = "CHANGE_TIME", nullable = false)
    private long time;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
}
