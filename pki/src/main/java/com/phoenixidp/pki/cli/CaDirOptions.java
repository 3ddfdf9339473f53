package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.PkiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every CA command shares: the CA directory and where the passphrase comes from. */
final class CaDirOptions {

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory")
    Path dir;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description =
                    "file whose first line is the CA passphrase (default: environment variable PHOENIX_CA_PASSWORD)")
    @Nullable
    Path passwordFile;

    /** The CA passphrase from --password-file or PHOENIX_CA_PASSWORD. */
    char[] passphrase(Map<String, String> environment) {
        if (passwordFile != null) {
            return readPasswordFile(passwordFile, "password file");
        }
        String value = environment.get(PkiCommand.PASSWORD_ENV);
        if (value == null || value.isEmpty()) {
            throw new PkiException("no CA passphrase: set " + PkiCommand.PASSWORD_ENV + " or pass --password-file");
        }
        return value.toCharArray();
    }

    /** First line of a password file, without the line break. */
    static char[] readPasswordFile(Path file, String what) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PkiException("cannot read " + what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new PkiException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
        int end = content.indexOf('\n');
        String line = end < 0 ? content : content.substring(0, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new PkiException(what + " " + file + " is empty");
        }
        return line.toCharArray();
    }
}
