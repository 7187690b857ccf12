package de.dvc.iam.keycloak.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A value DVC generates once and every node shares ({@code DVC_SETTING}), e.g. an audit key the
 * operator did not configure. Inserted once, never changed.
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
