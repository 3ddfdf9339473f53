package com.phoenixidp.authserver.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Generated secrets (client secrets, demo passwords) are shown to the operator exactly once, as
 * owner-only files under {@code <data-dir>/secrets/}: never in the log. The server itself keeps
 * only their hashes.
 */
final class SecretFiles {

    private final Path directory;

    SecretFiles(Path dataDir) {
        this.directory = dataDir.resolve("secrets");
    }

    Path pathFor(String name) {
        return this.directory.resolve(name);
    }

    Optional<String> read(String name) {
        Path file = pathFor(name);
        try {
            return Files.exists(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file, ex);
        }
    }

    /** Writes the value with owner-only permissions, atomically. */
    Path write(String name, String value) {
        Path file = pathFor(name);
        try {
            Files.createDirectories(this.directory);
            Path tmp = Files.createTempFile(this.directory, ".tmp-", ".secret");
            try {
                setOwnerOnly(tmp);
                Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (FileAlreadyExistsException ex) {
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write " + file, ex);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ex) {
            // not a POSIX file system: rely on the directory's permissions
        }
    }
}
