package de.dvc.iam.config.state;

/** The kinds of objects plan and apply handle, in the order they are created (and the reverse order of deletes). */
public enum ObjectKind {
    AGENCY("agency"), IDP("IdP"), SERVICE("service"),
    /** The settings the server holds for the files: the role holders (one object, {@code roles}). */
    SETTINGS("settings");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    /** As the plan prints it, e.g. {@code IdP}. */
    public String label() {
        return label;
    }
}
