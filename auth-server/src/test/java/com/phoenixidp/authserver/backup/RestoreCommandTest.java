package com.phoenixidp.authserver.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.backup.BackupRestoreIntegrationTest.Run;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phoenix-idp restore}: its command line and what it refuses, each with one line and exit 2. */
class RestoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void isRestoreWhenFirstPlainArgumentIsRestoreThenTrueEvenAfterTheLaunchersOptions() {
        assertThat(RestoreCommand.isRestore(new String[] {
                    "--spring.config.additional-location=file:/opt/phoenix-idp/conf/phoenix.yml", "restore", "b.zip"
                }))
                .isTrue();
        assertThat(RestoreCommand.isRestore(new String[] {"--server.port=9000"}))
                .isFalse();
        assertThat(RestoreCommand.isRestore(new String[] {"--spring.profiles.active=demo", "other"}))
                .isFalse();
        assertThat(RestoreCommand.isRestore(new String[0])).isFalse();
    }

    @Test
    void restoreWhenNoFileThenUsageAndExit2() {
        Run run = BackupRestoreIntegrationTest.restore("restore");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("phoenix-idp restore: error: no backup FILE given (usage: phoenix-idp restore FILE"
                        + " [--phoenix.data-dir=DIR] [--name=value ...])\n");
    }

    @Test
    void restoreWhenNotABackupThenExit2AndNothingWritten() throws Exception {
        Path notBackup = this.dir.resolve("notes.zip");
        try (OutputStream out = Files.newOutputStream(notBackup);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("hello".getBytes());
        }
        Path target = this.dir.resolve("data");

        Run run = BackupRestoreIntegrationTest.restore("restore", notBackup.toString(), "--phoenix.data-dir=" + target);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("phoenix-idp restore: error: " + notBackup
                        + " is not a Phoenix backup (no H2 database file in it)\n");
        assertThat(target).doesNotExist();
    }

    @Test
    void restoreWhenPostgresqlThenExit2PointingAtPgRestoreWithoutTheUrl() throws Exception {
        Path file = Files.writeString(this.dir.resolve("b.zip"), "x");

        Run run = BackupRestoreIntegrationTest.restore(
                "restore", file.toString(), "--spring.datasource.url=jdbc:postgresql://db/phoenix?password=s3cret");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("phoenix-idp restore: error: spring.datasource.url is not an embedded H2 database"
                        + " (jdbc:postgresql): restore PostgreSQL with pg_restore\n");
    }

    @Test
    void restoreWhenHelpThenUsageAndExit0() {
        Run run = BackupRestoreIntegrationTest.restore("restore", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("usage: phoenix-idp restore FILE");
    }
}
