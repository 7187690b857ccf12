package de.dvc.iam.demo;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The embedded H2 database of a stopped {@link DvcServer}, opened with the H2 driver the distribution ships (the
 * same version that wrote it). For tests and benchmarks that change or fill the database behind the server's back;
 * the server must have been started with {@code --db-username} / {@code --db-password} set to the same credentials.
 */
public final class ServerDatabase {

    private ServerDatabase() {
    }

    public static Connection open(Path home, Path state, String user, String password) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(home.resolve("lib/lib/main"))) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("com.h2database.h2-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No H2 driver in " + home));
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Driver driver = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
        Properties credentials = new Properties();
        credentials.put("user", user);
        credentials.put("password", password);
        return driver.connect("jdbc:h2:file:" + state.toAbsolutePath().resolve("keycloak/keycloakdb") + ";NON_KEYWORDS=VALUE", credentials);
    }
}
