package de.dvc.iam.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dvc.iam.core.profile.AttributeProfile;
import de.dvc.iam.core.registration.Finding;
import de.dvc.iam.core.registration.SamlMetadataValidator;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SAML metadata files' check by iam-core's {@link SamlMetadataValidator}, optionally remembered between runs.
 *
 * <p>Checking 11,756 metadata files (parse, OASIS schema, certificates, key strength) is most of a {@code plan} or
 * {@code apply} of the national federation. A check's outcome depends only on the file's bytes, the IdP's attribute
 * profile, the demo hosts allowed plain http, the checking code, and the time: iam-core reports up to when the
 * outcome holds ({@link SamlMetadataValidator.Result#stableUntil()}: validUntil, certificate start, expiry warning,
 * expiry). The cache keys an outcome by the SHA-256 of everything but the time and reuses it only between the time
 * it was checked and that instant; any other file, profile, host list, iam-core or schema jar is checked anew.
 *
 * <p>The cache file is the operator's own ({@code ~/.cache/dvc-config}, mode 0600 in a 0700 directory); one that
 * another user could write, or that cannot be read, is ignored and every file is checked. It is as trustworthy as
 * the operator's account: whoever can write it can also change the tool. Thread-safe.
 */
public final class MetadataChecks {

    /** Bump when the stored form or what a key covers changes. */
    private static final String FORMAT = "dvc-config metadata checks v1";
    /** Entries kept at most; the least recently used go first. */
    static final int MAX_ENTRIES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a file's check says: its findings (report and the one-entity rule) and its entityIDs. */
    public record Checked(List<Finding> findings, List<String> entityIds) {
        public Checked {
            findings = List.copyOf(findings);
            entityIds = List.copyOf(entityIds);
        }
    }

    private record Entry(Checked checked, Instant checkedAt, Instant stableUntil, long usedDay) {
    }

    private final SamlMetadataValidator saml;
    private final Optional<Path> file;
    private final String code;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicInteger checked = new AtomicInteger();
    private volatile boolean changed;

    private MetadataChecks(SamlMetadataValidator saml, Optional<Path> file, String code) {
        this.saml = saml;
        this.file = file;
        this.code = code;
    }

    /** Every file checked, nothing remembered. */
    public static MetadataChecks uncached(SamlMetadataValidator saml) {
        return new MetadataChecks(saml, Optional.empty(), "");
    }

    /**
     * Checks remembered in {@code file} (created on {@link #save()}).
     *
     * @param code what identifies the checking code and schema: outcomes stored under another are not reused
     */
    public static MetadataChecks cachedIn(SamlMetadataValidator saml, Path file, String code) {
        MetadataChecks checks = new MetadataChecks(saml, Optional.of(file), code);
        checks.load();
        return checks;
    }

    /**
     * The identity of the code that checks: the jars (or class directories) of iam-core's validator and of the SAML
     * schema, by path, size and modification time. Empty if it cannot be told, then nothing should be cached.
     */
    public static Optional<String> codeOf(Class<?>... classes) {
        StringBuilder identity = new StringBuilder();
        for (Class<?> type : classes) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            try {
                Path path = Path.of(source.getLocation().toURI());
                Path stamped = Files.isDirectory(path)
                        ? path.resolve(type.getName().replace('.', '/') + ".class") : path;
                identity.append(path).append('|').append(Files.size(stamped)).append('|')
                        .append(Files.getLastModifiedTime(stamped).toMillis()).append('\n');
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(identity.toString());
    }

    /** Checks one metadata file as the registration API would (no signing anchor; the federation's names are checked apart). */
    public Checked check(byte[] xml, AttributeProfile profile, Set<String> insecureHosts, Instant now) {
        String key = file.isPresent() ? key(xml, profile, insecureHosts) : null;
        if (key != null) {
            Entry entry = entries.get(key);
            if (entry != null && !now.isBefore(entry.checkedAt()) && now.isBefore(entry.stableUntil())) {
                reused.incrementAndGet();
                long today = now.getEpochSecond() / 86_400;
                if (entry.usedDay() != today) {
                    entries.put(key, new Entry(entry.checked(), entry.checkedAt(), entry.stableUntil(), today));
                    changed = true;
                }
                return entry.checked();
            }
        }
        checked.incrementAndGet();
        SamlMetadataValidator.Result result = saml.validate(xml, new SamlMetadataValidator.Context(now, entityId -> false,
                null, profile, insecureHosts));
        List<Finding> findings = new ArrayList<>(result.report().findings());
        findings.addAll(result.oneEntity(null));
        Checked outcome = new Checked(findings, result.entityIds());
        boolean faultOfTheTool = findings.stream().anyMatch(f -> f.code().equals("schema_unavailable"));
        if (key != null && !faultOfTheTool) {
            entries.put(key, new Entry(outcome, now, result.stableUntil(), now.getEpochSecond() / 86_400));
            changed = true;
        }
        return outcome;
    }

    /** Files whose remembered outcome was used, since this object was made. */
    public int reused() {
        return reused.get();
    }

    /** Files checked by the validator, since this object was made. */
    public int checked() {
        return checked.get();
    }

    /**
     * Writes what was checked to the cache file, atomically, readable by the operator only. A failure costs only
     * the next run's time: it is not an error of the run.
     *
     * @return why it could not be written, if it could not
     */
    public synchronized Optional<String> save() {
        if (file.isEmpty() || !changed) {
            return Optional.empty();
        }
        List<Map.Entry<String, Entry>> kept = new ArrayList<>(entries.entrySet());
        if (kept.size() > MAX_ENTRIES) {
            kept.sort((a, b) -> Long.compare(b.getValue().usedDay(), a.getValue().usedDay()));
            kept = kept.subList(0, MAX_ENTRIES);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("code", code);
        ArrayNode list = root.putArray("entries");
        for (Map.Entry<String, Entry> each : kept) {
            Entry entry = each.getValue();
            ObjectNode node = list.addObject();
            node.put("key", each.getKey());
            node.put("checkedAt", entry.checkedAt().toString());
            node.put("stableUntil", entry.stableUntil().equals(Instant.MAX) ? null : entry.stableUntil().toString());
            node.put("usedDay", entry.usedDay());
            ArrayNode ids = node.putArray("entityIds");
            entry.checked().entityIds().forEach(ids::add);
            ArrayNode findings = node.putArray("findings");
            for (Finding finding : entry.checked().findings()) {
                findings.addObject().put("severity", finding.severity().name()).put("code", finding.code())
                        .put("message", finding.message()).put("fix", finding.fix());
            }
        }
        Path target = file.get();
        try {
            Path directory = target.toAbsolutePath().getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            new SourceFile(target, JSON.writeValueAsString(root)).write(); // a temporary file of mode 0600, moved
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            changed = false;
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("the metadata check cache " + target + " could not be written (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void load() {
        Path path = file.orElseThrow();
        try {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || !ownedAndPrivate(path)) {
                return;
            }
            JsonNode root = JSON.readTree(Files.readAllBytes(path));
            if (!FORMAT.equals(root.path("format").asText()) || !code.equals(root.path("code").asText())) {
                return; // another version of the tool: everything is checked anew (and the file rewritten)
            }
            for (JsonNode node : root.path("entries")) {
                List<Finding> findings = new ArrayList<>();
                for (JsonNode finding : node.path("findings")) {
                    findings.add(new Finding(Finding.Severity.valueOf(finding.path("severity").asText()),
                            finding.path("code").asText(), finding.path("message").asText(), finding.path("fix").asText()));
                }
                List<String> entityIds = new ArrayList<>();
                node.path("entityIds").forEach(id -> entityIds.add(id.asText()));
                JsonNode until = node.path("stableUntil");
                entries.put(node.path("key").asText(), new Entry(new Checked(findings, entityIds),
                        Instant.parse(node.path("checkedAt").asText()),
                        until.isNull() || until.isMissingNode() ? Instant.MAX : Instant.parse(until.asText()),
                        node.path("usedDay").asLong()));
            }
        } catch (IOException | RuntimeException e) {
            entries.clear(); // unreadable or damaged: nothing of it is used
        }
    }

    /** Only a file of this user, not writable by group or others, in a directory of the same kind, is trusted. */
    private static boolean ownedAndPrivate(Path path) throws IOException {
        String user = System.getProperty("user.name");
        for (Path each : List.of(path, path.toAbsolutePath().getParent())) {
            if (!Files.getOwner(each, LinkOption.NOFOLLOW_LINKS).getName().equals(user)) {
                return false;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(each, LinkOption.NOFOLLOW_LINKS);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                return false;
            }
        }
        return true;
    }

    private String key(byte[] xml, AttributeProfile profile, Set<String> insecureHosts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String context = FORMAT + '\n' + code + '\n' + (profile == null ? "-" : profile.toString()) + '\n'
                    + String.join(",", new TreeSet<>(insecureHosts)) + '\n';
            digest.update(context.getBytes(StandardCharsets.UTF_8));
            digest.update(xml);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
