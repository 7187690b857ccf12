package de.dvc.iam.core.roles;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The federation operators and agency admins the federation files name, each as she logs in: through IdP {@code idp},
 * with {@code email} (compared without case) or {@code subject} (her id at that IdP). {@code dvc-config apply} writes
 * them, {@linkplain #encode() encoded}, into the realm attribute {@value #REALM_ATTRIBUTE}; the registration API reads
 * them at every call, so a holder removed from the files and applied loses the role at her next call, without a new
 * login. The encoding is one holder per line, its fields percent-encoded and separated by tabs, sorted: the same
 * holders always give the same text (plan compares the texts). Immutable.
 *
 * @param holders sorted, without duplicates
 */
public record RoleHolders(List<Holder> holders) {

    /** The realm attribute that holds them. */
    public static final String REALM_ATTRIBUTE = "dvc.role-holders";
    /** Nobody. */
    public static final RoleHolders NONE = new RoleHolders(List.of());

    private static final Comparator<Holder> ORDER = Comparator.comparing((Holder h) -> h.role().code())
            .thenComparing(h -> h.agency().orElse("")).thenComparing(Holder::idp)
            .thenComparing(h -> h.email().orElse("")).thenComparing(h -> h.subject().orElse(""));

    /** A federation role the files can give. */
    public enum Role {
        OPERATOR("operator"), AGENCY_ADMIN("agency-admin");

        private final String code;

        Role(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Role of(String code) {
            for (Role role : values()) {
                if (role.code.equals(code)) {
                    return role;
                }
            }
            throw new IllegalArgumentException("unknown role '" + code + "'");
        }
    }

    /**
     * One holder. Exactly one of {@code email} and {@code subject}; {@code agency} for (and only for) an agency admin.
     */
    public record Holder(Role role, Optional<String> agency, String idp, Optional<String> email, Optional<String> subject) {

        public Holder {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(idp, "idp");
            email = email.map(e -> e.strip().toLowerCase(Locale.ROOT));
            if (idp.isBlank() || email.isPresent() == subject.isPresent() || (role == Role.AGENCY_ADMIN) != agency.isPresent()) {
                throw new IllegalArgumentException("a role holder needs an IdP, an email or a subject (not both), and an agency"
                        + " exactly if she is an agency admin");
            }
        }

        /** Whether the person who logged in through {@code loginIdp} with {@code loginEmail} / {@code loginSubject} is this one. */
        boolean is(String loginIdp, String loginEmail, String loginSubject) {
            if (!idp.equals(loginIdp)) {
                return false;
            }
            if (email.isPresent()) {
                return loginEmail != null && email.get().equals(loginEmail.strip().toLowerCase(Locale.ROOT));
            }
            return subject.get().equals(loginSubject);
        }
    }

    public RoleHolders {
        List<Holder> sorted = new ArrayList<>(holders);
        sorted.sort(ORDER);
        List<Holder> unique = new ArrayList<>();
        for (Holder holder : sorted) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).equals(holder)) {
                unique.add(holder);
            }
        }
        holders = List.copyOf(unique);
    }

    /** Whether some holder is named by her subject at her IdP (matching then needs the subject). */
    public boolean namesSubjects() {
        return holders.stream().anyMatch(h -> h.subject().isPresent());
    }

    /** Whether the person logged in through {@code idp} with {@code email} / {@code subject} is a federation operator. */
    public boolean operator(String idp, String email, String subject) {
        return idp != null && holders.stream().anyMatch(h -> h.role() == Role.OPERATOR && h.is(idp, email, subject));
    }

    /**
     * The agency the person administers, if the files name her as an agency admin (the first in order if they name her
     * for several: validate refuses that).
     */
    public Optional<String> adminOf(String idp, String email, String subject) {
        if (idp == null) {
            return Optional.empty();
        }
        return holders.stream().filter(h -> h.role() == Role.AGENCY_ADMIN && h.is(idp, email, subject)).findFirst()
                .flatMap(Holder::agency);
    }

    /** The text of the realm attribute; empty for nobody. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        for (Holder h : holders) {
            text.append(h.role().code()).append('\t').append(field(h.agency())).append('\t').append(field(Optional.of(h.idp())))
                    .append('\t').append(field(h.email())).append('\t').append(field(h.subject())).append('\n');
        }
        return text.toString();
    }

    /**
     * @param text the realm attribute's text (null or blank: nobody)
     * @throws IllegalArgumentException if it is not what {@link #encode()} writes (the line)
     */
    public static RoleHolders decode(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Holder> holders = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split("\t", -1);
            if (fields.length != 5) {
                throw new IllegalArgumentException("line " + (i + 1) + " has " + fields.length + " fields, not 5");
            }
            try {
                holders.add(new Holder(Role.of(fields[0]), value(fields[1]), value(fields[2]).orElse(""), value(fields[3]), value(fields[4])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new RoleHolders(holders);
    }

    private static String field(Optional<String> value) {
        return value.map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)).orElse("-");
    }

    private static Optional<String> value(String field) {
        return "-".equals(field) ? Optional.empty() : Optional.of(URLDecoder.decode(field, StandardCharsets.UTF_8));
    }
}
