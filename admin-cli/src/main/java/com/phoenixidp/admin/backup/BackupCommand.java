package com.phoenixidp.admin.backup;

import com.phoenixidp.admin.AdminCommand;
import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code phoenix-admin backup --out FILE}: {@code POST /admin/backup}, an online snapshot of the
 * server's embedded H2 database, written to FILE owner-only (0600) and atomically (a partial
 * download never replaces a good file). Restore it with {@code phoenix-idp restore FILE}. A
 * PostgreSQL server answers that it has no such backup (exit 1): use {@code pg_dump}.
 */
@Command(
        name = "backup",
        description = {
            "Take an online backup of the server's embedded H2 database and write it to FILE (owner-only, 0600).",
            "It holds password and secret hashes, live tokens (hashed) and the signing keys encrypted with the"
                    + " master key: keep it as private as the database. Restore: phoenix-idp restore FILE"
                    + " --phoenix.data-dir=DIR (an empty directory; the server must not run there).",
            "PostgreSQL: back up with pg_dump instead."
        })
public final class BackupCommand extends AdminCommand {

    /** The server makes the snapshot before it answers: allow it time on a large database. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the backup (a zip)")
    Path out;

    @Override
    protected void execute() {
        Path dir = directory(this.out);
        if (Files.isDirectory(this.out)) {
            throw AdminException.usage("--out: " + this.out + " is a directory");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw AdminException.usage("--out: cannot create files in " + dir);
        }
        Path tmp = createOwnerOnly(dir);
        try {
            String type = api().postForFile("/admin/backup", tmp, TIMEOUT);
            if (!type.startsWith("application/zip") || !startsLikeZip(tmp)) {
                throw AdminException.unavailable("unexpected answer to POST /admin/backup (" + type
                        + ", not a zip): is --server the base URL of a Phoenix IdP?");
            }
            long size = Files.size(tmp);
            moveIntoPlace(tmp, this.out);
            tmp = null;
            if (this.json) {
                printJson(Json.object().put("file", this.out.toString()).put("bytes", size));
            } else {
                out().println("Wrote the backup to " + this.out + " (" + size + " bytes, owner-only). Restore it with"
                        + " phoenix-idp restore " + this.out + " --phoenix.data-dir=DIR.");
            }
        } catch (IOException ex) {
            throw AdminException.refused("cannot write the backup to " + this.out + " ("
                    + ex.getClass().getSimpleName() + ")");
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static Path createOwnerOnly(Path dir) {
        try {
            try {
                return Files.createTempFile(
                        dir,
                        ".phoenix-backup-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException ex) {
                return Files.createTempFile(dir, ".phoenix-backup-", ".tmp");
            }
        } catch (IOException ex) {
            throw AdminException.usage("--out: cannot create files in " + dir + " ("
                    + ex.getClass().getSimpleName() + ")");
        }
    }

    private static boolean startsLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path directory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return (parent != null) ? parent : file.toAbsolutePath();
    }

    private static void deleteQuietly(@Nullable Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ex) {
                // best effort: the file is owner-only
            }
        }
    }
}
