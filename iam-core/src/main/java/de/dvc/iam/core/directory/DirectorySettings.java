package de.dvc.iam.core.directory;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an agency registers about its directory: where it is and how it is protected, the service account DVC
 * searches with, where and how users are found, how entries map to the DVC identity contract, and the limits
 * that keep a slow directory from holding DVC's threads. Built and checked by {@link DirectorySettingsReader}
 * ({@link #builder()}, {@link #parse(java.util.Map)}), which names every wrong field at once.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the bind secret. Never null: every field is set
 * (defaults for timeouts and pool size).
 *
 * @param url              {@code ldaps://host:port}, or {@code ldap://host:port} (then StartTLS or insecure)
 * @param transport        how the connection is protected
 * @param trustAnchors     the CA certificates the directory's certificate must chain to; empty only for {@link Transport#PLAIN}
 * @param bindDn           the service account's DN
 * @param bindSecret       the service account's password
 * @param baseDn           where users are searched (subtree)
 * @param userFilter       which entries are users, e.g. {@code (&(objectClass=user)(objectCategory=person))}
 * @param loginAttribute   what a person types as login name
 * @param profile          Active Directory or inetOrgPerson
 * @param groupRoles       which groups give which DVC role
 * @param connectTimeout   TCP connect and TLS handshake
 * @param bindTimeout      one bind's answer (service account and user)
 * @param searchTimeout    the whole user search, all its answers together
 * @param poolSize         connections to this directory, and logins checked at once
 */
public record DirectorySettings(DirectoryUrl url, Transport transport, List<X509Certificate> trustAnchors, String bindDn,
                                BindSecret bindSecret, String baseDn, String userFilter, LoginAttribute loginAttribute,
                                DirectoryProfile profile, GroupRoles groupRoles, Duration connectTimeout,
                                Duration bindTimeout, Duration searchTimeout, int poolSize) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_BIND_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SEARCH_TIMEOUT = Duration.ofSeconds(5);
    /** Upper bounds: a login page that waits longer than this is broken, whatever the directory's reason. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_OPERATION_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int MAX_POOL_SIZE = 32;

    public DirectorySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(transport, "transport");
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(bindSecret, "bindSecret");
        Objects.requireNonNull(baseDn, "baseDn");
        Objects.requireNonNull(userFilter, "userFilter");
        Objects.requireNonNull(loginAttribute, "loginAttribute");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(groupRoles, "groupRoles");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(bindTimeout, "bindTimeout");
        Objects.requireNonNull(searchTimeout, "searchTimeout");
        if (transport != Transport.PLAIN && trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("A TLS directory needs trust anchors.");
        }
    }

    public static DirectorySettingsReader builder() {
        return new DirectorySettingsReader();
    }

    /**
     * Reads submitted settings (parsed JSON; field names as in {@link DirectorySettingsReader#FIELDS}).
     *
     * @throws de.dvc.iam.core.onboarding.RequestProblems.Invalid naming every field that is wrong and how to fix it
     */
    public static DirectorySettings parse(java.util.Map<String, Object> body) {
        return DirectorySettingsReader.read(body).build();
    }

    @Override
    public String toString() {
        return "DirectorySettings[url=" + url + ", transport=" + transport + ", bindDn=" + bindDn + ", bindSecret=" + bindSecret
                + ", baseDn=" + baseDn + ", userFilter=" + userFilter + ", loginAttribute=" + loginAttribute.ldapName()
                + ", profile=" + profile.code() + ", timeouts=" + connectTimeout.toMillis() + "/" + bindTimeout.toMillis() + "/"
                + searchTimeout.toMillis() + " ms, poolSize=" + poolSize + "]";
    }
}
