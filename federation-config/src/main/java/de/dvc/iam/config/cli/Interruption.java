package de.dvc.iam.config.cli;

import de.dvc.iam.config.apply.Applier;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during apply: the JVM's shutdown hook tells the applier to start no more objects, waits until the objects in
 * flight are done and the report is printed, then ends the process with the exit code of that report. Without this,
 * the JVM would end mid-object.
 */
final class Interruption implements AutoCloseable {

    /** How long Ctrl-C waits for the objects in flight (a metadata fetch may take a while). */
    private static final long WAIT_SECONDS = 300;

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);
    private volatile int exitCode = DvcConfig.INTERRUPTED;

    Interruption(Applier applier, PrintWriter err) {
        hook = new Thread(() -> {
            err.println();
            err.println("dvc-config: interrupted: finishing the objects in flight, starting no more …");
            err.flush();
            applier.stop("interrupted (Ctrl-C)");
            try {
                reported.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(exitCode);
        }, "dvc-config-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The report is printed; {@code code} is the exit code (the hook ends the process with it if it runs). */
    void reported(int code) {
        exitCode = code;
        reported.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C came: the hook ends the process with the exit code once reported() was called
        }
    }
}
