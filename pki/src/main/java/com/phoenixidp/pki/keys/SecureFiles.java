package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes files atomically (temporary file in the same directory, then a rename) so a crash or
 * a failed write never leaves a half-written certificate or key behind. Files are created
 * owner-only (0600) and directories 0700 where the file system supports POSIX permissions.
 */
public final class SecureFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {}

    /** Writes {@code content} to {@code target} atomically, replacing any existing file, mode 0600. */
    public static void writeAtomically(Path target, byte[] content) {
        write(target, content, true);
    }

    /** Like {@link #writeAtomically} but fails when {@code target} already exists. */
    public static void writeNew(Path target, byte[] content) {
        write(target, content, false);
    }

    private static void write(Path target, byte[] content, boolean replace) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new PkiException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", ownerOnlyFile(dir));
            Files.write(temp, content);
            if (!replace && Files.exists(absolute)) {
                throw new PkiException("refusing to overwrite existing file " + target);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (AccessDeniedException | NoSuchFileException | FileAlreadyExistsException e) {
            throw new PkiException("cannot write " + target + ": " + describe(e));
        } catch (IOException e) {
            throw new PkiException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and never read
                }
            }
        }
    }

    /** Creates {@code dir} (and parents) with mode 0700 if it does not exist. */
    public static void createPrivateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, ownerOnlyDir(dir.toAbsolutePath().getParent()));
            }
        } catch (IOException e) {
            throw new PkiException("cannot create directory " + dir + ": " + describe(e), e);
        }
    }

    /** Sets an existing file to mode 0600 (for files other libraries create, e.g. the H2 ledger). */
    public static void restrictToOwner(Path file) {
        try {
            if (Files.exists(file) && supportsPosix(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new PkiException("cannot set permissions of " + file + ": " + describe(e), e);
        }
    }

    /** Checks, before any work is done, that a file can be created at {@code target}. */
    public static void requireWritableLocation(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new PkiException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new PkiException("cannot write " + target + ": directory " + dir + " is not writable");
        }
        if (Files.isDirectory(target)) {
            throw new PkiException("cannot write " + target + ": it is a directory");
        }
    }

    private static FileAttribute<?>[] ownerOnlyFile(Path dir) {
        return supportsPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] ownerOnlyDir(@Nullable Path parent) {
        return parent != null && supportsPosix(parent)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)}
                : new FileAttribute<?>[0];
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String describe(IOException e) {
        String kind = e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof NoSuchFileException
                        ? "no such file or directory"
                        : e instanceof FileAlreadyExistsException ? "file exists" : e.getMessage();
        return kind == null ? e.getClass().getSimpleName() : kind;
    }
}
