package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.admin.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup --out FILE}: {@code POST /admin/backup} into an owner-only file, written atomically. */
class BackupCommandTest {

    static final String ZIP = "PK\u0003\u0004 stands in for the H2 backup zip";

    StubServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        this.server = StubServer.http();
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void backupWhenServerAnswersZipThenOwnerOnlyFileWithTheBytesAndNoTemporaryFileLeft() throws Exception {
        this.server.on("POST", "/admin/backup", (r) -> StubServer.text(200, "application/zip", ZIP));
        Path out = this.dir.resolve("phoenix.zip");

        AdminRunner.Result result = AdminRunner.against(this.server).run("backup", "--out", out.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(ZIP);
        assertThat(Files.getPosixFilePermissions(out))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(result.out())
                .isEqualTo("Wrote the backup to " + out + " (" + ZIP.length() + " bytes, owner-only). Restore it with"
                        + " phoenix-idp restore " + out + " --phoenix.data-dir=DIR.\n");
        assertThat(this.server.apiRequests()).singleElement().satisfies((r) -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + AdminRunner.TOKEN);
        });
        assertThat(files()).containsExactly("phoenix.zip");
    }

    @Test
    void backupWhenJsonThenFileAndSize() {
        this.server.on("POST", "/admin/backup", (r) -> StubServer.text(200, "application/zip", ZIP));
        Path out = this.dir.resolve("phoenix.zip");

        AdminRunner.Result result = AdminRunner.against(this.server).run("backup", "--out", out.toString(), "--json");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(Json.parseOrNull(result.out()).path("file").asText()).isEqualTo(out.toString());
        assertThat(Json.parseOrNull(result.out()).path("bytes").asLong()).isEqualTo(ZIP.length());
    }

    @Test
    void backupWhenPostgresqlThenExit1WithTheServersMessageAndNoFile() throws Exception {
        this.server.onJson(
                "POST",
                "/admin/backup",
                501,
                "{\"error\":\"unsupported\",\"error_description\":\"online backups are for the embedded H2 database;"
                        + " back up PostgreSQL with pg_dump (and restore with pg_restore)\"}");
        Path out = this.dir.resolve("phoenix.zip");

        AdminRunner.Result result = AdminRunner.against(this.server).run("backup", "--out", out.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.error())
                .isEqualTo("phoenix-admin: error: online backups are for the embedded H2 database; back up PostgreSQL"
                        + " with pg_dump (and restore with pg_restore) (unsupported)");
        assertThat(files()).isEmpty();
    }

    @Test
    void backupWhenServerFailsThenThePreviousFileIsKept() throws Exception {
        Path out = Files.writeString(this.dir.resolve("phoenix.zip"), "yesterday's backup");
        this.server.onJson("POST", "/admin/backup", 500, "{\"error\":\"server_error\"}");

        AdminRunner.Result result = AdminRunner.against(this.server).run("backup", "--out", out.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("yesterday's backup");
        assertThat(files()).containsExactly("phoenix.zip");
    }

    @Test
    void backupWhenAnswerIsNotAZipThenExit3AndNoFile() throws Exception {
        this.server.on("POST", "/admin/backup", (r) -> StubServer.text(200, "text/html", "<html>hello</html>"));

        AdminRunner.Result result = AdminRunner.against(this.server)
                .run("backup", "--out", this.dir.resolve("b.zip").toString());

        assertThat(result.status()).isEqualTo(3);
        assertThat(result.error()).contains("not a zip").contains("Phoenix IdP");
        assertThat(files()).isEmpty();
    }

    @Test
    void backupWhenOutIsADirectoryOrMissingThenExit2WithoutAskingTheServer() {
        AdminRunner.Result directory = AdminRunner.against(this.server).run("backup", "--out", this.dir.toString());
        AdminRunner.Result missing = AdminRunner.against(this.server).run("backup");

        assertThat(directory.status()).isEqualTo(2);
        assertThat(directory.error()).isEqualTo("phoenix-admin: error: --out: " + this.dir + " is a directory");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.error()).contains("--out");
        assertThat(this.server.requests()).isEmpty();
    }

    @Test
    void helpWhenBackupThenNamesRestoreAndPgDump() {
        AdminRunner.Result result = AdminRunner.bare().run("backup", "--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("--out=FILE", "phoenix-idp restore", "pg_dump", "Exit codes:");
    }

    private java.util.List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(this.dir)) {
            return files.map((p) -> p.getFileName().toString()).sorted().toList();
        }
    }
}
