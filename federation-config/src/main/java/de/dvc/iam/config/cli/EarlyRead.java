package de.dvc.iam.config.cli;

import de.dvc.iam.config.model.SettingsSpec;
import de.dvc.iam.config.state.ServerState;
import de.dvc.iam.config.state.Snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's federation read while the files are validated: the server builds its snapshot (seconds at 12,000
 * agencies) while this process checks the files, instead of one after the other. The realm is guessed before the
 * files are read (--realm, else the {@code realm:} line of DIR/settings.yaml, else dvc); {@link #take} uses the read
 * only if the validated files name that realm, and otherwise reads anew. Reading changes nothing on the server, so a
 * read whose files turn out invalid is simply closed; its failure (server unreachable, login refused or incomplete)
 * is reported only when the files are valid, as if it had started then.
 */
final class EarlyRead implements AutoCloseable {

    private static final Pattern REALM = Pattern.compile("^realm:[ \\t]*[\"']?([A-Za-z0-9._-]+)[\"']?[ \\t]*(#.*)?$", Pattern.MULTILINE);
    private static final long PEEK_LIMIT = 1 << 20;

    /** The server's federation in realm {@code realm}, and the connection to it (open; the caller closes it). */
    record Opened(String realm, ServerState state, Snapshot snapshot) implements AutoCloseable {
        @Override
        public void close() {
            state.close();
        }
    }

    private final Environment environment;
    private final ServerOptions options;
    private final String realm;
    private final CompletableFuture<Opened> read;
    private boolean taken;

    private EarlyRead(Environment environment, ServerOptions options, String realm) {
        this.environment = environment;
        this.options = options;
        this.realm = realm;
        this.read = CompletableFuture.supplyAsync(() -> open(environment, options, realm), runnable -> {
            Thread thread = new Thread(runnable, "dvc-config-early-read");
            thread.setDaemon(true); // an invalid DIR ends the process without waiting for the server
            thread.start();
        });
    }

    /** Starts reading the realm that {@code directory}'s settings probably name. */
    static EarlyRead start(Environment environment, ServerOptions options, Path directory) {
        return new EarlyRead(environment, options, options.realm().orElseGet(() -> guess(directory)));
    }

    /**
     * The federation of {@code wanted}: the early read if it was of that realm, else a new one.
     *
     * @throws de.dvc.iam.config.state.ServerException      as {@link ServerState#read()} and the connector throw
     * @throws picocli.CommandLine.ParameterException if the login options are incomplete
     */
    Opened take(String wanted) {
        taken = true;
        if (!wanted.equals(realm)) {
            close(read);
            return open(environment, options, wanted);
        }
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Closes the early read's connection unless {@link #take} handed it out. */
    @Override
    public void close() {
        if (!taken) {
            close(read);
        }
    }

    private static void close(CompletableFuture<Opened> read) {
        read.thenAccept(opened -> opened.state().close());
    }

    private static Opened open(Environment environment, ServerOptions options, String realm) {
        ServerState state = environment.connector().connect(options, realm, environment.secrets());
        try {
            return new Opened(realm, state, state.read());
        } catch (RuntimeException | Error e) {
            state.close();
            throw e;
        }
    }

    /** The realm named by DIR/settings.yaml's top-level {@code realm:} line, else dvc (the settings' default). */
    static String guess(Path directory) {
        Path settings = directory.resolve("settings.yaml");
        try {
            if (Files.isRegularFile(settings) && Files.size(settings) <= PEEK_LIMIT) {
                Matcher matcher = REALM.matcher(Files.readString(settings));
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // only a guess: the validated files decide, and a wrong guess costs a second read
        }
        return SettingsSpec.DEFAULTS.realm();
    }
}
