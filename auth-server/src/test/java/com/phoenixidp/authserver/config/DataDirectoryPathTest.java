package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryPathTest {

    private static StandardEnvironment environment(Map<String, Object> config) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("config", config));
        return environment;
    }

    @Test
    void relativePathWhenImplicitThenGetsDotSlashAndTheDatabaseUrlFollows() {
        StandardEnvironment environment = environment(Map.of(
                "phoenix.data-dir", "mydata", "spring.datasource.url", "jdbc:h2:file:${phoenix.data-dir}/phoenix"));

        DataDirectoryPath.apply(environment);

        assertThat(environment.getProperty("phoenix.data-dir")).isEqualTo("./mydata");
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:./mydata/phoenix");
    }

    @Test
    void pathWhenAbsoluteOrExplicitlyRelativeThenUnchanged() {
        for (String path : new String[] {"/var/lib/phoenix-idp", "./data", "../data", ".", ".."}) {
            StandardEnvironment environment = environment(Map.of("phoenix.data-dir", path));

            DataDirectoryPath.apply(environment);

            assertThat(environment.getProperty("phoenix.data-dir")).isEqualTo(path);
            assertThat(environment.getPropertySources().contains("phoenixDataDirectory"))
                    .isFalse();
        }
    }

    @Test
    void tildeWhenGivenThenAFolderOfThatNameForH2TooAsForTheRestOfTheServer() {
        assertThat(DataDirectoryPath.explicit("~/phoenix")).isEqualTo("./~/phoenix");
        assertThat(DataDirectoryPath.explicit("data/node-1")).isEqualTo("./data/node-1");
    }

    @Test
    void dataDirectoryWhenNotSetThenNothingAdded() {
        StandardEnvironment environment = environment(Map.of());

        DataDirectoryPath.apply(environment);

        assertThat(environment.getPropertySources().contains("phoenixDataDirectory"))
                .isFalse();
    }

    @Test
    void dataDirectoryWhenMissingThenMadeOwnerOnly(@TempDir Path parent) throws Exception {
        Path directory = parent.resolve("new/data");

        DataDirectoryPath.ensureWritable(directory);

        assertThat(directory).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
    }

    @Test
    void dataDirectoryWhenAFileOrImpossibleThenRefusedNamingIt(@TempDir Path parent) throws Exception {
        Path file = Files.writeString(parent.resolve("file"), "x");

        assertThatThrownBy(() -> DataDirectoryPath.ensureWritable(file))
                .isInstanceOf(DataDirectoryPath.DataDirectoryException.class)
                .hasMessage("phoenix.data-dir " + file + " is not a directory");
        assertThatThrownBy(() -> DataDirectoryPath.ensureWritable(file.resolve("below")))
                .isInstanceOf(DataDirectoryPath.DataDirectoryException.class)
                .hasMessageStartingWith("phoenix.data-dir " + file.resolve("below") + " cannot be created");
    }
}
