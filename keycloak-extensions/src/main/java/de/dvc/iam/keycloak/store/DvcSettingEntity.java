package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A value every node shares ({@code DVC_SETTING}): an audit key the operator did not configure (generated once,
 * never changed), or the last start of a cluster-wide job ({@link ClusterSchedule}).
 */
@Entity
@Table(name = "DVC_SETTING")
public class DvcSettingEntity {

    @Id
    @Column(name = "NAME", length = 100)
    private String name;
    @Column(name = "SETTING_VALUE", length = 1000, nullable = false)
    private String value;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
}
