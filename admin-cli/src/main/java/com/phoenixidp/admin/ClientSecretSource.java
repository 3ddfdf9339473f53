package com.phoenixidp.admin;

import com.phoenixidp.admin.http.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where the admin client's secret comes from: the first line of {@code --client-secret-file}, else
 * the environment variable {@code PHOENIX_ADMIN_CLIENT_SECRET} — never a flag value, which other
 * users could read in the process list and which stays in shell history.
 */
final class ClientSecretSource {

    static final String SECRET_ENV = "PHOENIX_ADMIN_CLIENT_SECRET";

    private ClientSecretSource() {}

    static Secret read(@Nullable Path file, Invocation invocation, Consumer<String> warnings) {
        if (file != null) {
            return new Secret(firstLine(file, warnings));
        }
        String value = invocation.env(SECRET_ENV);
        if (value == null) {
            throw AdminException.usage("no client secret: set " + SECRET_ENV + " or pass --client-secret-file FILE");
        }
        return new Secret(value.strip());
    }

    /**
     * The arguments that would put a secret on the command line ({@code --client-secret VALUE},
     * {@code --password=VALUE}): refused before parsing, so that no error message can echo the value.
     */
    static @Nullable String refusedFlag(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return null;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--client-secret") || name.equals("--secret")) {
                return "the client secret is never given as an option value (others can read it in the process"
                        + " list): set " + SECRET_ENV + " or pass --client-secret-file FILE";
            }
            if (name.equals("--password")) {
                return "a password is never given as an option value: set PHOENIX_PASSWORD or pipe it on"
                        + " standard input";
            }
        }
        return null;
    }

    private static String firstLine(Path file, Consumer<String> warnings) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException ex) {
            throw AdminException.usage("--client-secret-file: cannot read " + file + ": no such file");
        } catch (IOException ex) {
            throw AdminException.usage("--client-secret-file: cannot read " + file + " ("
                    + ex.getClass().getSimpleName() + ")");
        }
        String line = content.lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            throw AdminException.usage("--client-secret-file: " + file + " is empty");
        }
        warnIfOthersCanRead(file, warnings);
        return line;
    }

    private static void warnIfOthersCanRead(Path file, Consumer<String> warnings) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.accept(file + " can be read by other users (chmod 600 " + file + ")");
            }
        } catch (IOException | UnsupportedOperationException ex) {
            // not a POSIX file system: nothing to check
        }
    }
}
