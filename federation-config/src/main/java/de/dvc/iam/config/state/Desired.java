package de.dvc.iam.config.state;

/** An object as the files want it, ready to be written: defaults explicit, secrets and metadata files read. */
public sealed interface Desired permits DesiredAgency, DesiredIdp, DesiredService, DesiredSettings {

    ObjectKind kind();

    /** Its name on the server: agency id, IdP alias or client id. */
    String name();
}
