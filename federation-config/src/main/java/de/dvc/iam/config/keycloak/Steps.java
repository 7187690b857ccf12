package de.dvc.iam.config.keycloak;

import de.dvc.iam.config.state.WriteFailed;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The steps of writing one object, each with the step that takes it back: if a step fails, the steps done so far
 * are undone in reverse order and the write fails with {@link WriteFailed} — undone, or, if an undo failed too, not.
 * One per object write; not thread-safe.
 */
final class Steps {

    /** One call. */
    @FunctionalInterface
    interface Call {
        void run();
    }

    private record Done(String what, Call undo) {
    }

    private final String object;
    private final Deque<Done> done = new ArrayDeque<>();
    private boolean gone;

    /** @param object the object as the report names it, e.g. {@code IdP bund-bmi} */
    Steps(String object) {
        this.object = object;
    }

    /**
     * Runs {@code step}; on failure undoes the earlier steps and throws.
     *
     * @param undo what takes the step back, or null if a later undo covers it (e.g. deleting an IdP deletes its mapper)
     */
    void run(String what, Call step, Call undo) {
        try {
            step.run();
        } catch (RuntimeException e) {
            gone = e instanceof AdminCallFailed call && call.status() == 0;
            throw failed(what, message(e));
        }
        if (undo != null) {
            done.push(new Done(what, undo));
        }
    }

    /** Fails the write with {@code reason} (a check between steps), undoing what was done. */
    void fail(String what, String reason) {
        throw failed(what, reason);
    }

    private WriteFailed failed(String what, String reason) {
        String failure = object + ": could not " + what + ": " + strip(reason);
        boolean wrote = !done.isEmpty();
        while (!done.isEmpty()) {
            Done step = done.pop();
            try {
                step.undo().run();
            } catch (RuntimeException e) {
                return new WriteFailed(failure + "; taking back '" + step.what() + "' failed too (" + message(e) + "): it may be "
                        + "half-written — it carries the ownership marker, and the next apply completes it.", false, gone);
            }
        }
        return new WriteFailed(failure + (wrote ? "; the steps before were taken back, it is as it was before."
                : "; nothing of it was written."), true, gone);
    }

    private static String strip(String reason) {
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    static String message(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
