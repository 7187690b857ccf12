package de.dvc.iam.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's keytool, for the key pairs the demo and the tests make for themselves (never downloaded certificates). */
public final class Keytool {

    private Keytool() {
    }

    /**
     * Runs {@code keytool} of the running JDK with {@code arguments} (at most 60 s).
     *
     * @throws IOException naming the command and keytool's own output if it fails
     */
    public static void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
        }
    }
}
