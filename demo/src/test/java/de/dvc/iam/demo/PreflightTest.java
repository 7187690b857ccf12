package de.dvc.iam.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad starts end with one sentence that says what to do. */
class PreflightTest {

    @Test
    void aTakenPortIsNamedWithWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Preflight.requireFreePort(taken.getLocalPort(), "DVC IAM server"))
                    .isInstanceOf(DemoStartException.class)
                    .hasMessage("Port " + taken.getLocalPort() + " (DVC IAM server) is already in use; stop the program"
                            + " that holds it (is the demo already running?) and start again.");
        }
    }

    @Test
    void aFreePortPasses() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatCode(() -> Preflight.requireFreePort(port, "demo service")).doesNotThrowAnyException();
    }

    @Test
    void anOldJavaIsRefusedWithTheVersionNeeded() {
        assertThatThrownBy(() -> Preflight.requireJava(11))
                .hasMessageContaining("needs Java 17 or newer but runs on Java 11")
                .hasMessageContaining("JAVA_HOME");
        assertThatCode(() -> Preflight.requireJava(25)).doesNotThrowAnyException();
    }

    @Test
    void stateThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
        Path state = Files.writeString(dir.resolve(".dvc-demo"), "not a directory");

        assertThatThrownBy(() -> Preflight.requireUsableState(state))
                .hasMessageContaining(state + " is not a directory")
                .hasMessageContaining("move it away to start a fresh demo");
    }

    @Test
    void stateThatCannotBeCreatedNamesAnotherPlace(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> Preflight.requireUsableState(file.resolve("state")))
                .hasMessageContaining("cannot be created").hasMessageContaining("--state-dir");
    }

    @Test
    void missingBuildOutputSaysHowToBuild(@TempDir Path dir) {
        assertThatThrownBy(() -> Preflight.requireFile(dir.resolve("kc.sh"), "The DVC IAM server distribution"))
                .hasMessageContaining("The DVC IAM server distribution is missing")
                .hasMessageContaining("./mvnw install -DskipTests");
    }

    @Test
    void theLauncherStopsAtTheFirstFailedCheckWithoutStartingAnything(@TempDir Path root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoLauncher launcher = new DemoLauncher(root, root.resolve("state"), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThatThrownBy(launcher::start).isInstanceOf(DemoStartException.class)
                .hasMessageContaining("server distribution is missing");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Starting");
    }
}
