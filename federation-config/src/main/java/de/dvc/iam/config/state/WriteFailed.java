package de.dvc.iam.config.state;

/**
 * Writing one object failed. {@link #undone()} says whether its earlier steps were taken back (nothing of it is
 * on the server) or not (it may be half-written; it carries the ownership marker, so the next {@code plan}
 * shows it as an update and {@code apply} completes it).
 */
public final class WriteFailed extends ServerException {

    private static final long serialVersionUID = 1L;

    private final boolean undone;
    private final boolean serverGone;

    /** @param serverGone whether the server could not be reached at all (apply then stops: the next writes would fail too) */
    public WriteFailed(String message, boolean undone, boolean serverGone) {
        super(message);
        this.undone = undone;
        this.serverGone = serverGone;
    }

    public boolean undone() {
        return undone;
    }

    public boolean serverGone() {
        return serverGone;
    }
}
