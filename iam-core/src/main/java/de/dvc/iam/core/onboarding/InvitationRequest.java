package de.dvc.iam.core.onboarding;

import de.dvc.iam.core.email.EmailAddress;

import java.time.Duration;
import java.util.Map;

/**
 * A request to invite a person as admin of an agency: {@code {"email": …, "name": …, "days": 14}}.
 *
 * @param email    where the invitation goes
 * @param name     the invited person's name
 * @param lifetime how long the invitation can be accepted: 1 to 30 days, default 14
 */
public record InvitationRequest(EmailAddress email, String name, Duration lifetime) {

    /**
     * Reads a request body (parsed JSON, may be null).
     *
     * @throws RequestProblems.Invalid naming every field that is wrong
     */
    public static InvitationRequest parse(Map<String, Object> body) {
        RequestProblems problems = new RequestProblems();
        Map<String, Object> json = body == null ? Map.of() : body;
        EmailAddress email = json.get("email") instanceof String text ? EmailAddress.parse(text).orElse(null) : null;
        if (email == null) {
            problems.add("email", "Give the invited person's email address, e.g. \"it-leitung@musterstadt.example\".");
        }
        String name = json.get("name") instanceof String text ? AgencyContact.checkedName(text).orElse(null) : null;
        if (name == null) {
            problems.add("name", "Give the invited person's name: 1 to 100 characters, no angle brackets.");
        }
        Duration lifetime = Invitation.DEFAULT_LIFETIME;
        Object days = json.get("days");
        if (days != null) {
            if (days instanceof Integer n && n >= 1 && n <= Invitation.MAX_LIFETIME.toDays()) {
                lifetime = Duration.ofDays(n);
            } else {
                problems.add("days", "days is a whole number from 1 to " + Invitation.MAX_LIFETIME.toDays() + " (default "
                        + Invitation.DEFAULT_LIFETIME.toDays() + ").");
            }
        }
        for (String field : json.keySet()) {
            if (!Map.of("email", 0, "name", 0, "days", 0).containsKey(field)) {
                problems.add(field, "Unknown field: an invitation has email, name and days.");
            }
        }
        problems.throwIfAny();
        return new InvitationRequest(email, name, lifetime);
    }
}
