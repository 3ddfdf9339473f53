package com.phoenixidp.crypto.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the master key (key-encryption key): environment variable {@value #ENV_VAR}, then the configured
 * file ({@value #FILE_PROPERTY}), then a previously generated {@code <dataDir>/master.key}, then (only when
 * allowed, e.g. in the demo profile) a freshly generated key written with owner-only permissions.
 * Otherwise start-up fails with a message telling the operator what to set; there is never a silent key.
 */
public final class MasterKeyLoader {

    public static final String ENV_VAR = "PHOENIX_MASTER_KEY";
    public static final String FILE_PROPERTY = "phoenix.master-key-file";
    public static final String GENERATED_FILE_NAME = "master.key";

    private MasterKeyLoader() {}

    public static MasterKeyResolution resolve(
            @Nullable String envValue,
            @Nullable Path configuredFile,
            boolean allowGenerate,
            @Nullable Path dataDir,
            SecureRandom random) {
        if (envValue != null && !envValue.isBlank()) {
            try {
                return new MasterKeyResolution(MasterKey.fromBase64(envValue), "environment", false);
            } catch (IllegalArgumentException e) {
                throw new MasterKeyException(ENV_VAR + " is invalid: " + e.getMessage());
            }
        }
        if (configuredFile != null) {
            if (!Files.isRegularFile(configuredFile)) {
                throw new MasterKeyException("master key file " + configuredFile + " (" + FILE_PROPERTY
                        + ") does not exist or is not a regular file");
            }
            return new MasterKeyResolution(read(configuredFile), "file:" + configuredFile, false);
        }
        Path generatedFile = dataDir == null ? null : dataDir.resolve(GENERATED_FILE_NAME);
        if (generatedFile != null && Files.isRegularFile(generatedFile)) {
            return new MasterKeyResolution(read(generatedFile), "file:" + generatedFile, false);
        }
        if (allowGenerate && generatedFile != null) {
            return generate(generatedFile, Objects.requireNonNull(random, "random"));
        }
        throw new MasterKeyException("no master key configured: set the " + ENV_VAR
                + " environment variable to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`)"
                + " or point " + FILE_PROPERTY + " at a file containing it");
    }

    private static MasterKey read(Path file) {
        try {
            return MasterKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new MasterKeyException(
                    "cannot read master key file " + file + ": " + e.getClass().getSimpleName(), e);
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("master key file " + file + " is invalid: " + e.getMessage());
        }
    }

    private static MasterKeyResolution generate(Path file, SecureRandom random) {
        byte[] bytes = new byte[MasterKey.LENGTH];
        random.nextBytes(bytes);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                if (supportsPosix(file)) {
                    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                    FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(ownerOnly);
                    Files.createFile(file, attribute);
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process generated it between our check and now: use theirs
                return new MasterKeyResolution(read(file), "file:" + file, false);
            }
            Files.writeString(
                    file,
                    Base64.getEncoder().encodeToString(bytes) + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new MasterKeyResolution(MasterKey.ofBytes(bytes), "generated:" + file, true);
        } catch (IOException e) {
            throw new MasterKeyException(
                    "cannot write generated master key file " + file + ": "
                            + e.getClass().getSimpleName(),
                    e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean supportsPosix(Path file) {
        return file.toAbsolutePath()
                .getFileSystem()
                .supportedFileAttributeViews()
                .contains("posix");
    }
}
