package com.phoenixidp.authserver.backup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where an embedded H2 database lives, read from its JDBC URL ({@code
 * jdbc:h2:file:<dir>/<name>;...}, also {@code jdbc:h2:<dir>/<name>} and {@code ~/}): the directory
 * and the database name, whose files are {@code <name>.mv.db} (and a transient {@code
 * <name>.trace.db}). In-memory and client/server URLs ({@code mem:}, {@code tcp:}, {@code ssl:})
 * and other databases have no such files here.
 */
record H2Database(Path directory, String name) {

    static Optional<H2Database> of(@Nullable String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(8);
        int settings = rest.indexOf(';');
        if (settings >= 0) {
            rest = rest.substring(0, settings);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:")
                || lower.startsWith("tcp:")
                || lower.startsWith("ssl:")
                || lower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            rest = rest.substring(5);
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        if (rest.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(rest).toAbsolutePath().normalize();
        if (file.getFileName() == null || file.getParent() == null) {
            return Optional.empty();
        }
        return Optional.of(new H2Database(file.getParent(), file.getFileName().toString()));
    }

    /** The main database file. */
    Path dataFile() {
        return this.directory.resolve(this.name + ".mv.db");
    }

    /** A URL that opens these files only if they exist. */
    String existingUrl() {
        return "jdbc:h2:file:" + this.directory.resolve(this.name) + ";IFEXISTS=TRUE";
    }
}
