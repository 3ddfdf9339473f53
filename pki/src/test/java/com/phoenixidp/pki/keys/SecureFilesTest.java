package com.phoenixidp.pki.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.pki.PkiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeAtomicallyWhenReplacingThenNewContentOwnerOnlyAndNoTemporaryLeft() throws Exception {
        Path file = dir.resolve("out.pem");
        SecureFiles.writeAtomically(file, new byte[] {1});
        SecureFiles.writeAtomically(file, new byte[] {2, 3});

        assertThat(Files.readAllBytes(file)).containsExactly(2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeNewWhenFileExistsThenRefusesAndKeepsOldContent() throws Exception {
        Path file = dir.resolve("root.key");
        SecureFiles.writeNew(file, new byte[] {1});

        assertThatThrownBy(() -> SecureFiles.writeNew(file, new byte[] {9}))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readAllBytes(file)).containsExactly(1);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeAtomicallyWhenParentIsAFileThenOneLineError() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> SecureFiles.writeAtomically(notADirectory.resolve("out.crt"), new byte[] {1}))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SecureFiles.requireWritableLocation(notADirectory.resolve("out.crt")))
                .isInstanceOf(PkiException.class);
    }
}
