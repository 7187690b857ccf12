package de.dvc.iam.core.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import de.dvc.iam.core.onboarding.RequestProblems;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds {@link DirectorySettings} from what an agency admin submitted, checking every field and naming all
 * problems at once by field ({@link RequestProblems}), so that a form can show each at its place. Setters take the
 * raw submitted values; {@link #build()} judges them. Not thread-safe.
 */
public final class DirectorySettingsReader {

    /** The JSON field names of submitted settings. */
    public static final Set<String> FIELDS = Set.of("url", "startTls", "insecureForTests", "caCertificates", "bindDn",
            "bindSecret", "baseDn", "userFilter", "loginAttribute", "profile", "groupRoles", "connectTimeoutMillis",
            "bindTimeoutMillis", "searchTimeoutMillis", "poolSize");

    private final RequestProblems problems = new RequestProblems();
    private String url;
    private boolean startTls;
    private boolean insecureForTests;
    private String caCertificates;
    private String bindDn;
    private BindSecret bindSecret = BindSecret.of((char[]) null);
    private String baseDn;
    private String userFilter;
    private String loginAttribute;
    private String profile = DirectoryProfile.ACTIVE_DIRECTORY.code();
    private Map<String, String> groupRoles = Map.of();
    private long connectMillis = DirectorySettings.DEFAULT_CONNECT_TIMEOUT.toMillis();
    private long bindMillis = DirectorySettings.DEFAULT_BIND_TIMEOUT.toMillis();
    private long searchMillis = DirectorySettings.DEFAULT_SEARCH_TIMEOUT.toMillis();
    private int poolSize = DirectorySettings.DEFAULT_POOL_SIZE;

    DirectorySettingsReader() {
    }

    static DirectorySettingsReader read(Map<String, Object> body) {
        DirectorySettingsReader reader = new DirectorySettingsReader();
        Map<String, Object> json = body == null ? Map.of() : body;
        json.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().forEach(k -> reader.problems.add(k,
                "Unknown field: directory settings have " + String.join(", ", FIELDS.stream().sorted().toList()) + "."));
        reader.url = reader.text(json, "url");
        reader.startTls = reader.flag(json, "startTls");
        reader.insecureForTests = reader.flag(json, "insecureForTests");
        reader.caCertificates = reader.text(json, "caCertificates");
        reader.bindDn = reader.text(json, "bindDn");
        reader.bindSecret = BindSecret.of(reader.text(json, "bindSecret"));
        reader.baseDn = reader.text(json, "baseDn");
        reader.userFilter = reader.text(json, "userFilter");
        reader.loginAttribute = reader.text(json, "loginAttribute");
        String profile = reader.text(json, "profile");
        reader.profile = profile == null ? reader.profile : profile;
        if (json.get("groupRoles") instanceof Map<?, ?> map) {
            Map<String, String> roles = new LinkedHashMap<>();
            map.forEach((k, v) -> roles.put(String.valueOf(k), v instanceof String s ? s : null));
            reader.groupRoles = roles;
        } else if (json.get("groupRoles") != null) {
            reader.problems.add("groupRoles", "groupRoles is an object: {\"<group DN or common name>\": \"<DVC role>\"}.");
        }
        reader.connectMillis = reader.number(json, "connectTimeoutMillis", reader.connectMillis);
        reader.bindMillis = reader.number(json, "bindTimeoutMillis", reader.bindMillis);
        reader.searchMillis = reader.number(json, "searchTimeoutMillis", reader.searchMillis);
        reader.poolSize = (int) reader.number(json, "poolSize", reader.poolSize);
        return reader;
    }

    public DirectorySettingsReader url(String url) { this.url = url; return this; }
    public DirectorySettingsReader startTls(boolean startTls) { this.startTls = startTls; return this; }
    /** Allows {@code ldap://} without StartTLS: passwords in clear text. Demo and tests only. */
    public DirectorySettingsReader insecureForTests(boolean insecure) { this.insecureForTests = insecure; return this; }
    public DirectorySettingsReader caCertificates(String pem) { this.caCertificates = pem; return this; }
    public DirectorySettingsReader bindDn(String dn) { this.bindDn = dn; return this; }
    public DirectorySettingsReader bindSecret(BindSecret secret) { this.bindSecret = secret; return this; }
    public DirectorySettingsReader baseDn(String dn) { this.baseDn = dn; return this; }
    public DirectorySettingsReader userFilter(String filter) { this.userFilter = filter; return this; }
    public DirectorySettingsReader loginAttribute(String name) { this.loginAttribute = name; return this; }
    public DirectorySettingsReader profile(String code) { this.profile = code; return this; }
    public DirectorySettingsReader groupRoles(Map<String, String> groupToRole) { this.groupRoles = Map.copyOf(groupToRole); return this; }
    public DirectorySettingsReader connectTimeout(Duration timeout) { this.connectMillis = timeout.toMillis(); return this; }
    public DirectorySettingsReader bindTimeout(Duration timeout) { this.bindMillis = timeout.toMillis(); return this; }
    public DirectorySettingsReader searchTimeout(Duration timeout) { this.searchMillis = timeout.toMillis(); return this; }
    public DirectorySettingsReader poolSize(int size) { this.poolSize = size; return this; }

    /**
     * @throws RequestProblems.Invalid naming every field that is wrong and how to fix it
     */
    public DirectorySettings build() {
        DirectoryUrl parsedUrl = check("url", () -> DirectoryUrl.parse(url));
        Transport transport = parsedUrl == null ? null : transport(parsedUrl);
        List<X509Certificate> anchors = List.of();
        if (transport != Transport.PLAIN || caCertificates != null && !caCertificates.isBlank()) {
            anchors = check("caCertificates", () -> DirectoryTrust.parse(caCertificates));
        }
        String bind = dn("bindDn", bindDn, "the service account DVC searches with, e.g. CN=svc-dvc,OU=Dienstkonten,DC=agency,DC=example");
        if (bindSecret == null || bindSecret.isEmpty()) {
            problems.add("bindSecret", "Give the service account's password: DVC never searches anonymously.");
        }
        String base = dn("baseDn", baseDn, "where the users are, e.g. OU=Benutzer,DC=agency,DC=example");
        String filter = check("userFilter", () -> filter(userFilter));
        DirectoryProfile kind = check("profile", () -> DirectoryProfile.named(profile));
        LoginAttribute login = check("loginAttribute", () -> LoginAttribute.named(loginAttribute));
        if (kind != null && login != null && !kind.accepts(login)) {
            problems.add("loginAttribute", "A " + kind.code() + " directory has no " + login.ldapName() + ": use "
                    + (kind == DirectoryProfile.ACTIVE_DIRECTORY ? "userPrincipalName, mail or sAMAccountName." : "mail or uid."));
        }
        GroupRoles roles = check("groupRoles", () -> GroupRoles.of(groupRoles));
        Duration connect = timeout("connectTimeoutMillis", connectMillis, DirectorySettings.MAX_CONNECT_TIMEOUT);
        Duration bindTimeout = timeout("bindTimeoutMillis", bindMillis, DirectorySettings.MAX_OPERATION_TIMEOUT);
        Duration search = timeout("searchTimeoutMillis", searchMillis, DirectorySettings.MAX_OPERATION_TIMEOUT);
        if (poolSize < 1 || poolSize > DirectorySettings.MAX_POOL_SIZE) {
            problems.add("poolSize", "Give 1 to " + DirectorySettings.MAX_POOL_SIZE + " connections (default "
                    + DirectorySettings.DEFAULT_POOL_SIZE + "): more only queue at a directory that is slow already.");
        }
        problems.throwIfAny();
        return new DirectorySettings(parsedUrl, transport, anchors, bind, bindSecret, base, filter, login, kind, roles,
                connect, bindTimeout, search, poolSize);
    }

    private Transport transport(DirectoryUrl parsed) {
        if (parsed.encrypted()) {
            if (startTls) {
                problems.add("startTls", "ldaps:// is TLS already: leave startTls off, or use ldap:// with startTls.");
            }
            return Transport.LDAPS;
        }
        if (startTls) {
            return Transport.START_TLS;
        }
        if (!insecureForTests) {
            problems.add("url", "Plain ldap:// would send passwords in clear text: use ldaps://" + parsed.host()
                    + ":636, or ldap:// with startTls: true.");
        }
        return Transport.PLAIN;
    }

    private static String filter(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Give the LDAP filter that selects users, e.g. (&(objectClass=user)(objectCategory=person))"
                    + " or (objectClass=inetOrgPerson).");
        }
        try {
            return Filter.create(text.strip()).toString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not an LDAP filter (RFC 4515): "
                    + e.getDiagnosticMessage() + " Write it in parentheses, e.g. (objectClass=user).");
        }
    }

    private String dn(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(field, "Give " + what + ".");
            return null;
        }
        try {
            DN dn = new DN(value.strip());
            if (dn.isNullDN()) {
                problems.add(field, "The empty DN is not allowed here: give " + what + ".");
            }
            return dn.toString();
        } catch (LDAPException e) {
            problems.add(field, "'" + value.strip() + "' is not a DN (RFC 4514): give " + what + ".");
            return null;
        }
    }

    private Duration timeout(String field, long millis, Duration max) {
        if (millis < DirectorySettings.MIN_TIMEOUT.toMillis() || millis > max.toMillis()) {
            problems.add(field, "Give " + DirectorySettings.MIN_TIMEOUT.toMillis() + " to " + max.toMillis()
                    + " milliseconds: a login page cannot wait longer for one directory.");
        }
        return Duration.ofMillis(millis);
    }

    private <T> T check(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage());
            return null;
        }
    }

    private String text(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problems.add(field, field + " is a string.");
        return null;
    }

    private boolean flag(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        problems.add(field, field + " is true or false.");
        return false;
    }

    private long number(Map<String, Object> json, String field, long otherwise) {
        Object value = json.get(field);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        problems.add(field, field + " is a whole number.");
        return otherwise;
    }
}
