package de.dvc.iam.core.onboarding;

import de.dvc.iam.core.email.EmailAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invitation of one named person to become an admin of one agency (Einladung). It is single-use (accepted once),
 * expiring and revocable; its secret code is never kept, only the code's hash ({@link InvitationCode}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id        stable id, never null
 * @param agency    the agency id the invitation is bound to, never null
 * @param email     the invited person's address, where the invitation mail goes, never null
 * @param name      the invited person's name as the inviter wrote it, never blank
 * @param invitedBy who invited (a user id), never null
 * @param created   when it was made
 * @param expires   after this instant it cannot be accepted
 * @param accepted  when it was accepted, if it was
 * @param revoked   when it was revoked, if it was
 */
public record Invitation(String id, String agency, EmailAddress email, String name, String invitedBy, Instant created,
                         Instant expires, Optional<Instant> accepted, Optional<Instant> revoked) {

    /** Fourteen days: long enough for a municipal IT department's week, short enough that a forgotten mail goes stale. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(14);
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);

    /** Where an invitation stands. */
    public enum Status {
        PENDING, ACCEPTED, REVOKED, EXPIRED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why an invitation cannot be accepted: a stable code and a sentence for the person holding the link. */
    public record Refusal(String code, String message) {
    }

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An invitation names the invited person.");
        }
        accepted = Objects.requireNonNullElse(accepted, Optional.empty());
        revoked = Objects.requireNonNullElse(revoked, Optional.empty());
    }

    public Status status(Instant now) {
        if (accepted.isPresent()) {
            return Status.ACCEPTED;
        }
        if (revoked.isPresent()) {
            return Status.REVOKED;
        }
        return now.isBefore(expires) ? Status.PENDING : Status.EXPIRED;
    }

    /** Why it cannot be accepted at {@code now}, or empty if it can. */
    public Optional<Refusal> acceptRefusal(Instant now) {
        return switch (status(now)) {
            case PENDING -> Optional.empty();
            case ACCEPTED -> Optional.of(new Refusal("invitation_used",
                    "This invitation was already used. Sign in with the account it created, or ask for a new invitation."));
            case REVOKED -> Optional.of(new Refusal("invitation_revoked",
                    "This invitation was withdrawn. Ask the federation operator or your agency's admin for a new one."));
            case EXPIRED -> Optional.of(new Refusal("invitation_expired",
                    "This invitation expired on " + expires + ". Ask the federation operator or your agency's admin for a new one."));
        };
    }

    /** Why it cannot be revoked at {@code now}, or empty if it can: only a pending invitation is withdrawn. */
    public Optional<Refusal> revokeRefusal(Instant now) {
        Status status = status(now);
        return status == Status.PENDING ? Optional.empty()
                : Optional.of(new Refusal("invitation_" + status.code(), "Only a pending invitation can be revoked; this one is " + status.code() + "."));
    }
}
