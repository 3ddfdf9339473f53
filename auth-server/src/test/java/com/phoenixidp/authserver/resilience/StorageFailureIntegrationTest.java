package com.phoenixidp.authserver.resilience;

import static com.phoenixidp.authserver.TestData.SERVICE;
import static com.phoenixidp.authserver.TestData.SERVICE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.PhoenixAuthServerApplication;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A full disk, for real: the application runs on a data directory on a small tmpfs (mounted for
 * this test; needs root, skipped otherwise). Filling the disk makes H2's writes fail and H2 close
 * the database; requests that need to write are then answered 503 (JSON at the token endpoint, a
 * page for browsers) with one WARN line and no ERROR stack trace; once the filler file is
 * deleted, the server recovers by itself (the pool throws away the closed database's connections
 * and H2 reopens it), without a restart. Deliberately not an {@code AuthServerIntegrationTest}: its
 * own application on its own disk.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageFailureIntegrationTest {

    /** Requests to try while waiting for H2 to notice the full disk (it buffers) or to recover. */
    private static final int ATTEMPTS = 300;

    private Path mountPoint;

    private ConfigurableApplicationContext app;

    @BeforeEach
    void mountTmpfs() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        this.mountPoint = Files.createTempDirectory("phoenix-small-disk-");
        Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", this.mountPoint.toString()) == 0,
                "mount -t tmpfs is not permitted here");
    }

    @AfterEach
    void unmount() throws Exception {
        if (this.app != null) {
            this.app.close();
        }
        if (this.mountPoint != null) {
            // the closed application's last files may take a moment to be released
            boolean unmounted = false;
            for (int i = 0; i < 20 && !unmounted; i++) {
                unmounted = run("umount", this.mountPoint.toString()) == 0;
                if (!unmounted) {
                    Thread.sleep(250);
                }
            }
            if (!unmounted) {
                run("umount", "-l", this.mountPoint.toString());
            }
            try (java.util.stream.Stream<Path> files = Files.walk(this.mountPoint)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach((p) -> p.toFile().delete());
            }
        }
    }

    @Test
    void requestsWhenDiskFullThen503WithOneWarnLineAndRecoveryWhenSpaceIsBack(CapturedOutput output) throws Exception {
        Path dataDir = Files.createDirectories(this.mountPoint.resolve("data"));
        Path masterKey = Files.writeString(dataDir.resolve("master.key"), TestKeys.MASTER_KEY_BASE64);
        int port = TestPorts.findFreePort();
        this.app = new SpringApplicationBuilder(PhoenixAuthServerApplication.class)
                .profiles("test")
                .run(
                        "--server.port=" + port,
                        "--phoenix.issuer=http://localhost:" + port,
                        "--phoenix.data-dir=" + dataDir,
                        "--phoenix.master-key-file=" + masterKey);
        OAuthTestClient client = new OAuthTestClient("http://localhost:" + port);
        assertThat(token(client).status()).isEqualTo(200);
        int logStart = output.getOut().length();

        Path filler = this.mountPoint.resolve("filler");
        fill(filler);
        List<Integer> whileFull = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < ATTEMPTS && refused == null; i++) {
            Response answer = deviceAuthorization(client);
            whileFull.add(answer.status());
            if (answer.status() == 503) {
                refused = answer;
            }
        }
        assertThat(whileFull).as("answers while the disk is full").isSubsetOf(200, 503);
        assertThat(refused).as("a 503 once H2 cannot write").isNotNull();
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(refused.json()).containsEntry("error", "temporarily_unavailable");
        // client-credentials tokens are stateless: issued while nothing can be written
        assertThat(token(client).status())
                .as("a client-credentials token while the disk is full")
                .isEqualTo(200);
        Response page = client.browse("/login");
        assertThat(page.status()).as(page.body()).isIn(200, 503);
        if (page.status() == 503) {
            assertThat(page.header("Content-Type"))
                    .hasValueSatisfying((t) -> assertThat(t).startsWith("text/html"));
        }

        Files.delete(filler);
        List<Integer> afterwards = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < ATTEMPTS && status != 200; i++) {
            status = deviceAuthorization(client).status();
            afterwards.add(status);
        }
        assertThat(afterwards)
                .as("answers once space is back")
                .isSubsetOf(200, 503)
                .endsWith(200);
        assertThat(client.get("/actuator/health").body()).contains("\"UP\"");

        String log = output.getOut().substring(logStart);
        assertThat(log).contains("WARN").contains("Storage unavailable");
        assertThat(log.lines().filter((line) -> line.contains(" ERROR ")))
                .as("ERROR lines while the disk was full")
                .isEmpty();
        assertThat(log).doesNotContain("\tat org.h2").doesNotContain("\tat org.springframework");
    }

    /** RFC 8628 device authorization: writes a row (a device code, a user code). */
    private static Response deviceAuthorization(OAuthTestClient client) {
        return client.postForm("/oauth2/device_authorization", Map.of("client_id", "device-app", "scope", "api.read"));
    }

    private static Response token(OAuthTestClient client) {
        return client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");
    }

    /** Writes zeros until the file system is full. */
    private static void fill(Path filler) {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: as intended
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
