package de.dvc.iam.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Comparator;
import java.util.List;

/**
 * The fresh directory one {@link SlapdServer} lives in: its {@code slapd.conf}, TLS files, database and log, under
 * {@code /tmp} (which every user may traverse, unlike a build directory below {@code /root}), deleted when the
 * server closes.
 *
 * <p>Only slapd's user may read it: it holds the TLS private key and the root DN's password. slapd drops root
 * privileges after start ({@code -u}/{@code -g}) and must then still read its key and write its database, so when
 * this JVM is root the directory goes to the Debian package's system user {@value #SYSTEM_USER}; otherwise slapd
 * runs as whoever runs the tests, who owns the directory already.
 */
final class SlapdInstanceDirectory {

    static final String SYSTEM_USER = "openldap";

    private final Path path;

    private SlapdInstanceDirectory(Path path) {
        this.path = path;
    }

    /**
     * @throws IOException if the files cannot be written or the system user does not exist, naming the package
     */
    static SlapdInstanceDirectory create(SlapdCertificates certificates, String rootDn, String rootPassword) throws IOException {
        SlapdInstanceDirectory instance = new SlapdInstanceDirectory(Files.createTempDirectory(Path.of("/tmp"), "dvc-slapd-"));
        try {
            Path dir = instance.path;
            Files.createDirectories(dir.resolve(SlapdConfig.DATA_DIR));
            Files.writeString(dir.resolve(SlapdConfig.CA_FILE), certificates.caPem());
            Files.writeString(dir.resolve(SlapdConfig.CERTIFICATE_FILE), certificates.serverCertificatePem());
            Files.writeString(dir.resolve(SlapdConfig.KEY_FILE), certificates.serverKeyPem());
            Files.writeString(instance.config(), SlapdConfig.text(dir, rootDn, rootPassword));
            instance.handToServerUser();
            return instance;
        } catch (IOException | RuntimeException e) {
            instance.delete();
            throw e;
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    Path path() {
        return path;
    }

    Path config() {
        return path.resolve("slapd.conf");
    }

    Path log() {
        return path.resolve("slapd.log");
    }

    private void handToServerUser() throws IOException {
        List<Path> paths;
        try (var walk = Files.walk(path)) {
            paths = walk.toList();
        }
        for (Path file : paths) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------"));
        }
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner;
        GroupPrincipal group;
        try {
            owner = lookup.lookupPrincipalByName(SYSTEM_USER);
            group = lookup.lookupPrincipalByGroupName(SYSTEM_USER);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("There is no system user '" + SYSTEM_USER + "' to run slapd as; the Debian package slapd"
                    + " creates it (apt-get install slapd ldap-utils).", e);
        }
        for (Path file : paths) {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            view.setOwner(owner);
            view.setGroup(group);
        }
    }

    /** Deletes everything; a directory left behind (a file that cannot be deleted) is harmless, the next run makes a new one. */
    void delete() {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // see above: harmless
        }
    }
}
