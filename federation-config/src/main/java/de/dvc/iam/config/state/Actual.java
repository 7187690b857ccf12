package de.dvc.iam.config.state;

/** An object as the server holds it, read back into the files' model. */
public sealed interface Actual permits ServerAgency, ServerIdp, ServerService, ServerSettings {

    ObjectKind kind();

    /** Its name: agency id, IdP alias or client id. */
    String name();

    Ownership ownership();

    /** The server's own id of it (organization id, IdP alias, client UUID), for writes. */
    String id();
}
