package com.phoenixidp.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyLoaderTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ENV_KEY = MasterKeyTest.KEY_B64;
    private static final String FILE_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String PURPOSE = "test";

    @TempDir
    Path dir;

    @Test
    void resolveWhenEnvironmentAndFileThenEnvironmentWins() throws IOException {
        Path file = Files.writeString(dir.resolve("kek"), FILE_KEY);

        MasterKeyResolution resolution = MasterKeyLoader.resolve(ENV_KEY, file, true, dir, RANDOM);

        assertThat(resolution.source()).isEqualTo("environment");
        assertThat(resolution.generated()).isFalse();
        assertThat(resolution.key().deriveKey(PURPOSE))
                .isEqualTo(MasterKey.fromBase64(ENV_KEY).deriveKey(PURPOSE));
    }

    @Test
    void resolveWhenConfiguredFileAndGeneratedFileThenConfiguredFileWins() throws IOException {
        Path file = Files.writeString(dir.resolve("kek"), "  " + FILE_KEY + "\n\n");
        MasterKeyLoader.resolve(null, null, true, dir, RANDOM); // generates dir/master.key

        MasterKeyResolution resolution = MasterKeyLoader.resolve(null, file, true, dir, RANDOM);

        assertThat(resolution.source()).isEqualTo("file:" + file);
        assertThat(resolution.key().deriveKey(PURPOSE))
                .isEqualTo(MasterKey.fromBase64(FILE_KEY).deriveKey(PURPOSE));
    }

    @Test
    void resolveWhenNothingConfiguredAndGenerationAllowedThenWritesOwnerOnlyFileAndReusesIt() throws IOException {
        Path dataDir = dir.resolve("data/nested");

        MasterKeyResolution first = MasterKeyLoader.resolve("", null, true, dataDir, RANDOM);
        MasterKeyResolution second = MasterKeyLoader.resolve(null, null, true, dataDir, RANDOM);

        Path file = dataDir.resolve("master.key");
        assertThat(first.generated()).isTrue();
        assertThat(first.source()).isEqualTo("generated:" + file);
        assertThat(MasterKey.fromBase64(Files.readString(file))).isNotNull();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        assertThat(second.generated()).isFalse();
        assertThat(second.source()).isEqualTo("file:" + file);
        assertThat(second.key().deriveKey(PURPOSE)).isEqualTo(first.key().deriveKey(PURPOSE));
    }

    @Test
    void resolveWhenNothingConfiguredAndGenerationNotAllowedThenTellsOperatorWhatToSet() {
        assertThatThrownBy(() -> MasterKeyLoader.resolve(null, null, false, dir, RANDOM))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("PHOENIX_MASTER_KEY")
                .hasMessageContaining("phoenix.master-key-file");
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void resolveWhenConfiguredFileMissingThenErrorNamesPath() {
        Path missing = dir.resolve("missing.key");

        assertThatThrownBy(() -> MasterKeyLoader.resolve(null, missing, true, dir, RANDOM))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(missing.toString());
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void resolveWhenEnvironmentValueInvalidThenErrorDoesNotEchoIt() {
        String bad = "bm90LTMyLWJ5dGVz";

        assertThatThrownBy(() -> MasterKeyLoader.resolve(bad, null, true, dir, RANDOM))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("PHOENIX_MASTER_KEY")
                .hasMessageNotContaining(bad);
    }

    @Test
    void resolveWhenConfiguredFileInvalidThenErrorDoesNotEchoContent() throws IOException {
        Path file = Files.writeString(dir.resolve("kek"), "not base64 at all!");

        assertThatThrownBy(() -> MasterKeyLoader.resolve(null, file, false, dir, RANDOM))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("not base64 at all");
    }
}
