package com.phoenixidp.authserver.backup;

import com.phoenixidp.authserver.config.PhoenixProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An online, transactionally consistent snapshot of the embedded H2 database with H2's own {@code
 * BACKUP TO} (it copies the database file together with its transaction log while the server keeps
 * serving): a zip with {@code <name>.mv.db}, restored by {@link RestoreCommand}. The zip is written
 * into a fresh owner-only directory under the data directory (where the space is, and no other
 * user can read it), handed out once and deleted. It holds users, clients, passkeys, consents,
 * live tokens (as hashes) and the signing keys (encrypted with the master key, which it does not
 * hold): still a sensitive file. PostgreSQL is backed up with its own tools ({@code pg_dump}).
 */
@Component
public final class DatabaseBackup {

    private final JdbcTemplate jdbc;

    private final PhoenixProperties properties;

    public DatabaseBackup(JdbcTemplate jdbc, PhoenixProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** A backup file, deleted (with its directory) on close. */
    public record Snapshot(Path file, long size) implements AutoCloseable {

        public InputStream open() throws IOException {
            return Files.newInputStream(this.file);
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(this.file);
                Files.deleteIfExists(this.file.getParent());
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot delete the backup copy " + this.file, ex);
            }
        }
    }

    /** The embedded H2 database this server runs on, if it does (not PostgreSQL, not in memory). */
    public Optional<String> embeddedDatabaseName() {
        return embedded().map(H2Database::name);
    }

    /**
     * Takes the snapshot.
     *
     * @throws UnsupportedOperationException when the database is not embedded H2
     */
    public Snapshot snapshot() {
        H2Database database =
                embedded().orElseThrow(() -> new UnsupportedOperationException("not an embedded H2 database"));
        try {
            Files.createDirectories(this.properties.getDataDir());
            Path dir = Files.createTempDirectory(this.properties.getDataDir(), ".backup-");
            Path zip = dir.resolve(database.name() + "-backup.zip");
            this.jdbc.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
            return new Snapshot(zip, Files.size(zip));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the backup", ex);
        }
    }

    private Optional<H2Database> embedded() {
        String url = this.jdbc.execute(
                (ConnectionCallback<String>) (c) -> c.getMetaData().getURL());
        return H2Database.of(url);
    }
}
