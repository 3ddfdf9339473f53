package com.phoenixidp.authserver.backup;

import com.phoenixidp.authserver.config.DataDirectoryPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.h2.tools.Restore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code phoenix-idp restore FILE [--phoenix.data-dir=DIR] [--name=value ...]}: puts a backup
 * taken with {@code POST /admin/backup} ({@code phoenix-admin backup}) into an empty data
 * directory and exits; it does not start the server. The target is the H2 database of the
 * server's own configuration ({@code spring.datasource.url}, from {@code application.yml}, {@code
 * spring.config.additional-location} such as the distribution's {@code conf/phoenix.yml}, and the
 * {@code --name=value} arguments), so the server started afterwards with the same settings and the
 * same master key finds everything. It refuses a directory that already holds anything (exit 2),
 * a file that is no Phoenix backup (exit 2) and a database that is not embedded H2 (exit 2: use
 * PostgreSQL's {@code pg_restore}); other failures exit 1. Messages are one line on standard error.
 */
public final class RestoreCommand {

    static final String NAME = "restore";

    static final int OK = 0;

    static final int FAILED = 1;

    static final int USAGE = 2;

    private static final String USAGE_TEXT =
            "usage: phoenix-idp restore FILE [--phoenix.data-dir=DIR] [--name=value ...]";

    private final PrintStream out;

    private final PrintStream err;

    private RestoreCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** True when the first argument that is not an option ({@code --name=value}) is {@code restore}. */
    public static boolean isRestore(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return NAME.equals(arg);
            }
        }
        return false;
    }

    /** Runs the command line (whose first plain argument is {@code restore}); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new RestoreCommand(out, err).run(args);
    }

    private int run(String[] args) {
        List<String> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (String arg : args) {
            if ("-h".equals(arg) || "--help".equals(arg)) {
                this.out.println(USAGE_TEXT);
                this.out.println("Restores a backup (phoenix-admin backup) into an empty data directory; the server"
                        + " is not started.");
                return OK;
            }
            (arg.startsWith("--") ? options : operands).add(arg);
        }
        if (operands.size() != 2) {
            return error(
                    USAGE,
                    (operands.size() < 2 ? "no backup FILE given" : "unexpected argument " + operands.get(2)) + " ("
                            + USAGE_TEXT + ")");
        }
        Path backup = Path.of(operands.get(1));
        ConfigurableEnvironment environment = environment(options);
        String url = environment.getProperty("spring.datasource.url");
        H2Database target = H2Database.of(url).orElse(null);
        if (target == null) {
            return error(
                    USAGE,
                    "spring.datasource.url is not an embedded H2 database (" + scheme(url)
                            + "): restore PostgreSQL with pg_restore");
        }
        if (!Files.isRegularFile(backup) || !Files.isReadable(backup)) {
            return error(USAGE, "cannot read the backup " + backup);
        }
        if (!containsDatabase(backup)) {
            return error(USAGE, backup + " is not a Phoenix backup (no H2 database file in it)");
        }
        if (!isEmptyOrMissing(target.directory())) {
            return error(USAGE, target.directory() + " is not empty: restore into an empty or new data directory");
        }
        try {
            createOwnerOnlyDirectories(target.directory());
            Restore.execute(backup.toString(), target.directory().toString(), target.name());
            restrict(target.directory());
        } catch (IOException | RuntimeException ex) {
            return error(FAILED, "cannot restore " + backup + " into " + target.directory() + ": " + ex.getMessage());
        }
        try {
            String summary = summary(target, environment);
            this.out.println("phoenix-idp restore: restored " + backup + " into " + target.directory() + " (" + summary
                    + "); start the server with the same master key");
            return OK;
        } catch (SQLException ex) {
            return error(
                    FAILED,
                    "restored the files into " + target.directory() + ", but the database does not open with the"
                            + " configured user: " + ex.getMessage());
        }
    }

    /** The server's settings, resolved as Spring Boot would: application.yml, extra locations, arguments. */
    private static ConfigurableEnvironment environment(List<String> options) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(options.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        DataDirectoryPath.apply(environment);
        return environment;
    }

    private static boolean containsDatabase(Path zip) {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().endsWith(".mv.db")) {
                    return true;
                }
            }
            return false;
        } catch (IOException ex) {
            return false;
        }
    }

    private static boolean isEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException ex) {
            return false;
        }
    }

    private static String summary(H2Database target, ConfigurableEnvironment environment) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        target.existingUrl(),
                        environment.getProperty("spring.datasource.username", "phoenix"),
                        environment.getProperty("spring.datasource.password", ""));
                Statement st = db.createStatement()) {
            return count(st, "phoenix_user") + " users, " + count(st, "oauth2_registered_client") + " clients, "
                    + count(st, "phoenix_signing_key") + " signing keys";
        }
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void restrict(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ex) {
                    return;
                }
            }
        }
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ex) {
            // not a POSIX file system
        }
    }

    /** The URL's scheme only (a URL may carry a password). */
    private static String scheme(@Nullable String url) {
        if (url == null) {
            return "not set";
        }
        String[] parts = url.split(":", 3);
        return (parts.length >= 2) ? parts[0] + ":" + parts[1] : "unrecognised";
    }

    private int error(int status, String message) {
        this.err.println("phoenix-idp restore: error: " + message.replaceAll("[\\r\\n]+", " "));
        return status;
    }
}
