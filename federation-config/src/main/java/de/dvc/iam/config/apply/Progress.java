package de.dvc.iam.config.apply;

/** Is told how apply gets on; prints it, or not. Called from several threads. */
public interface Progress {

    /** Nothing shown (tests, JSON output). */
    Progress NONE = new Progress() {
        @Override
        public void started(int total) {
            // silent
        }

        @Override
        public void done(boolean failed) {
            // silent
        }

        @Override
        public void finished() {
            // silent
        }
    };

    void started(int total);

    /** One write finished (or was not started for a failed dependency: {@code failed}). */
    void done(boolean failed);

    void finished();
}
