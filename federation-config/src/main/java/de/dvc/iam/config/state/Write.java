package de.dvc.iam.config.state;

import java.util.Objects;

/** One object to write: created, updated to what the files want, or deleted. */
public sealed interface Write permits Write.Create, Write.Update, Write.Delete {

    ObjectKind kind();

    String name();

    record Create(Desired desired) implements Write {
        public Create {
            Objects.requireNonNull(desired, "desired");
        }

        @Override
        public ObjectKind kind() {
            return desired.kind();
        }

        @Override
        public String name() {
            return desired.name();
        }
    }

    /** @param actual the object as read for the plan (its server id, and what an undo restores) */
    record Update(Desired desired, Actual actual) implements Write {
        public Update {
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(actual, "actual");
        }

        @Override
        public ObjectKind kind() {
            return desired.kind();
        }

        @Override
        public String name() {
            return desired.name();
        }
    }

    record Delete(Actual actual) implements Write {
        public Delete {
            Objects.requireNonNull(actual, "actual");
        }

        @Override
        public ObjectKind kind() {
            return actual.kind();
        }

        @Override
        public String name() {
            return actual.name();
        }
    }
}
