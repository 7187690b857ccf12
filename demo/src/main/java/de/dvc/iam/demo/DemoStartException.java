package de.dvc.iam.demo;

/** A start of the demo that cannot go on; the message is one sentence saying what to do. */
public final class DemoStartException extends Exception {

    public DemoStartException(String message) {
        super(message);
    }
}
