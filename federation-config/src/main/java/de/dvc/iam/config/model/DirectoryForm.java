package de.dvc.iam.config.model;

import de.dvc.iam.core.directory.DirectoryProfile;
import de.dvc.iam.core.directory.DirectorySettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Directory settings in one form, whoever wrote them (the files, apply, the registration API): every field explicit
 * (iam-core's defaults where none is given), in one order, numbers as {@code Long}. Plan compares this form, apply
 * stores it, export writes it; so a setting left at its default in one place and written out in the other is no change.
 * Stateless.
 */
public final class DirectoryForm {

    /** The settings in the order the files and the stored JSON list them (iam-core {@code DirectorySettingsReader.FIELDS}, no secret). */
    public static final List<String> ORDER = List.of("url", "startTls", "insecureForTests", "caCertificates", "bindDn", "baseDn",
            "userFilter", "loginAttribute", "profile", "groupRoles", "connectTimeoutMillis", "bindTimeoutMillis",
            "searchTimeoutMillis", "poolSize");

    private DirectoryForm() {
    }

    /** The settings with defaults filled in, in {@link #ORDER}; members the order does not know follow as given. */
    public static Map<String, Object> explicit(Map<String, Object> settings) {
        Map<String, Object> defaults = Map.of("startTls", false, "insecureForTests", false,
                "profile", DirectoryProfile.ACTIVE_DIRECTORY.code(), "groupRoles", Map.of(),
                "connectTimeoutMillis", DirectorySettings.DEFAULT_CONNECT_TIMEOUT.toMillis(),
                "bindTimeoutMillis", DirectorySettings.DEFAULT_BIND_TIMEOUT.toMillis(),
                "searchTimeoutMillis", DirectorySettings.DEFAULT_SEARCH_TIMEOUT.toMillis(),
                "poolSize", (long) DirectorySettings.DEFAULT_POOL_SIZE);
        Map<String, Object> form = new LinkedHashMap<>();
        for (String field : ORDER) {
            Object value = settings.containsKey(field) && settings.get(field) != null ? settings.get(field) : defaults.get(field);
            if (value != null) {
                form.put(field, normalized(value));
            }
        }
        settings.forEach((field, value) -> {
            if (!ORDER.contains(field)) {
                form.put(field, value);
            }
        });
        return form;
    }

    /**
     * A setting as plan shows it: the CA certificates by count and SHA-256 (a reviewer compares fingerprints, not
     * pages of base64), the group mapping sorted, everything else as written.
     */
    public static String text(String field, Object value) {
        if (value == null) {
            return "";
        }
        if ("caCertificates".equals(field) && value instanceof String pem) {
            String normal = pemForm(pem);
            int count = normal.split("-----BEGIN CERTIFICATE-----", -1).length - 1;
            return count + (count == 1 ? " certificate" : " certificates") + ", sha256:" + sha256(normal).substring(0, 16);
        }
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()),
                    e -> String.valueOf(e.getValue()), (a, b) -> a))).entrySet().stream()
                    .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("; "));
        }
        return String.valueOf(value);
    }

    /** PEM as stored: line breaks {@code \n}, no surrounding blank space, one final line break. */
    public static String pemForm(String pem) {
        return pem.replace("\r\n", "\n").strip() + "\n";
    }

    private static Object normalized(Object value) {
        if (value instanceof Number number && !(value instanceof Long) && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        if (value instanceof String text && text.contains("-----BEGIN")) {
            return pemForm(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
