package de.dvc.iam.config.cli;

/** A command that talks to a server: gets the {@link Environment} from {@link DvcConfig}. */
interface ServerCommand {

    void environment(Environment environment);
}
