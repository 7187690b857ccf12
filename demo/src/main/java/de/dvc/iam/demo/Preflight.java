package de.dvc.iam.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Checks before the demo starts anything, so that a bad start ends with one sentence saying what
 * to do instead of a stack trace from deep inside Keycloak.
 */
final class Preflight {

    static final int MIN_JAVA = 17;

    private Preflight() {
    }

    static void requireJava(int feature) throws DemoStartException {
        if (feature < MIN_JAVA) {
            throw new DemoStartException("DVC IAM needs Java " + MIN_JAVA + " or newer but runs on Java " + feature
                    + "; install a JDK " + MIN_JAVA + "+ and point JAVA_HOME at it.");
        }
    }

    static void requireFreePort(int port, String what) throws DemoStartException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // like the servers themselves: TIME_WAIT of a last run is no conflict
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new DemoStartException("Port " + port + " (" + what + ") is already in use; stop the program"
                    + " that holds it (is the demo already running?) and start again.");
        }
    }

    static void requireFile(Path file, String what) throws DemoStartException {
        if (!Files.isRegularFile(file)) {
            throw new DemoStartException(what + " is missing at " + file
                    + "; build it first with ./mvnw install -DskipTests (./dvc-demo does this for you).");
        }
    }

    /** The state directory must be a readable, writable directory, or creatable. */
    static void requireUsableState(Path stateDir) throws DemoStartException {
        String fresh = "; fix its permissions, or move it away to start a fresh demo.";
        if (Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
            throw new DemoStartException("The demo state " + stateDir + " is not a directory" + fresh);
        }
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new DemoStartException("The demo state directory " + stateDir + " cannot be created ("
                    + e.getMessage() + "); choose another place with --state-dir.");
        }
        if (!Files.isReadable(stateDir) || !Files.isWritable(stateDir) || !Files.isExecutable(stateDir)) {
            throw new DemoStartException("The demo state directory " + stateDir + " is not readable and writable" + fresh);
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            Path bad = files.filter(f -> !Files.isReadable(f) || !Files.isWritable(f)).findFirst().orElse(null);
            if (bad != null) {
                throw new DemoStartException("The demo state file " + bad + " is not readable and writable" + fresh);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DemoStartException("The demo state in " + stateDir + " cannot be read (" + e.getMessage() + ")" + fresh);
        }
    }
}
