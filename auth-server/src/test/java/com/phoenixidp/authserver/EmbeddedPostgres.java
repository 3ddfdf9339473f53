package com.phoenixidp.authserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A throw-away PostgreSQL cluster for a test: Debian's binaries ({@code /usr/lib/postgresql/<n>/bin},
 * or {@code PG_BIN}) run {@code initdb} into a temporary directory and {@code pg_ctl start} on a free
 * port on 127.0.0.1 (password authentication), then {@link #createDatabase} makes a role and a
 * database per use. PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * {@code postgres} user the Debian package creates and its tools run through {@code runuser}.
 * Without the binaries the test is skipped, or fails when {@code CI} is set.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String SUPERUSER_PASSWORD = "pg-test-superuser";

    private final Path binaries;

    private final Path base;

    private final int port;

    private final boolean asPostgresUser;

    private EmbeddedPostgres(Path binaries, Path base, int port, boolean asPostgresUser) {
        this.binaries = binaries;
        this.base = base;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Debian's PostgreSQL binaries (newest version), or null when not installed. */
    public static Path findBinaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map((v) -> v.resolve("bin"))
                    .filter((bin) ->
                            Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing((Path bin) -> versionOf(bin)))
                    .orElse(null);
        } catch (IOException ex) {
            return null;
        }
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** Creates and starts a cluster; skips (or on CI fails) when PostgreSQL is not installed. */
    public static EmbeddedPostgres start() {
        Path binaries = findBinaries();
        TestRequirements.require(
                binaries != null,
                "PostgreSQL is not installed (apt-get install postgresql; or set PG_BIN to its bin directory)");
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path base = Files.createTempDirectory("phoenix-pg-");
            EmbeddedPostgres postgres = new EmbeddedPostgres(binaries, base, TestPorts.findFreePort(), root);
            postgres.initAndStart();
            return postgres;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void initAndStart() throws IOException {
        Path passwordFile = this.base.resolve("superuser.pw");
        Files.writeString(passwordFile, SUPERUSER_PASSWORD + "\n", StandardCharsets.UTF_8);
        if (this.asPostgresUser) {
            UserPrincipal postgres =
                    this.base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(this.base, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        run(List.of(
                tool("initdb"),
                "-D",
                data().toString(),
                "-U",
                "postgres",
                "--auth=scram-sha-256",
                "--pwfile=" + passwordFile,
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync"));
        // fsync off: the tests kill auth-server nodes, never the database; max_connections: nodes' pools
        run(List.of(
                tool("pg_ctl"),
                "-D",
                data().toString(),
                "-l",
                this.base.resolve("postgres.log").toString(),
                "-w",
                "-t",
                "120",
                "-o",
                "-p " + this.port + " -k " + this.base + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=200",
                "start"));
    }

    /** A fresh database owned by a fresh login role of the same name (password {@link #password}). */
    public EmbeddedPostgres createDatabase(String name) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", SUPERUSER_PASSWORD);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password(name) + "'");
            sql.execute("CREATE DATABASE " + name + " OWNER " + name);
            return this;
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot create database " + name, ex);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
    }

    /** The password of the role made by {@link #createDatabase}. */
    public String password(String role) {
        return role + "-pg-password";
    }

    /** A (non-pooled) data source on a database made by {@link #createDatabase}, as its owner. */
    public DataSource dataSource(String database) {
        return new DriverManagerDataSource(url(database), database, password(database));
    }

    /** The Spring properties a node needs to use the database: url, username, password. */
    public List<String> springArguments(String database) {
        return List.of(
                "--spring.datasource.url=" + url(database),
                "--spring.datasource.username=" + database,
                "--spring.datasource.password=" + password(database));
    }

    public int port() {
        return this.port;
    }

    private Path data() {
        return this.base.resolve("data");
    }

    private String tool(String name) {
        return this.binaries.resolve(name).toString();
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (this.asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full)
                    .directory(this.base.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output + "\n" + serverLog());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private String serverLog() {
        try {
            Path log = this.base.resolve("postgres.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException ex) {
            return "";
        }
    }

    /** Stops the cluster at once (no checkpoint: it is thrown away) and deletes its directory. */
    @Override
    public void close() {
        try {
            run(List.of(tool("pg_ctl"), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException ex) {
            // already stopped
        }
        try (Stream<Path> paths = Files.walk(this.base)) {
            paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
        } catch (IOException ex) {
            // best effort: a temp directory
        }
    }
}
