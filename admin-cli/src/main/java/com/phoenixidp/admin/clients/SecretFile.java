package com.phoenixidp.admin.clients;

import com.phoenixidp.admin.AdminException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jspecify.annotations.Nullable;

/**
 * Writes a generated client secret to {@code --secret-file}: created owner-only (0600) before a
 * byte is written, then moved into place, so no other user ever sees a readable file.
 */
final class SecretFile {

    private SecretFile() {}

    /** Checks, before the server generates a secret, that it can be written to {@code file} (exit 2). */
    static void checkWritable(Path file) {
        Path dir = directory(file);
        if (Files.isDirectory(file)) {
            throw AdminException.usage("--secret-file: " + file + " is a directory");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw AdminException.usage("--secret-file: cannot create files in " + dir);
        }
    }

    /** Writes the secret, replacing the file; {@code hint} tells what to do if that fails (exit 1). */
    static void write(Path file, String secret, String hint) {
        Path tmp = null;
        try {
            try {
                tmp = Files.createTempFile(
                        directory(file),
                        ".phoenix-secret-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException ex) {
                tmp = Files.createTempFile(directory(file), ".phoenix-secret-", ".tmp");
            }
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            deleteQuietly(tmp);
            throw AdminException.refused("cannot write the new secret to " + file + " ("
                    + ex.getClass().getSimpleName() + "); " + hint);
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
