package com.phoenixidp.authserver.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerNode;
import com.phoenixidp.authserver.ClientCredentialsLoad;
import com.phoenixidp.authserver.TestKeys;
import com.phoenixidp.authserver.TestPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database is durable: a single node killed with SIGKILL under a client-credentials
 * load, then started again on the same data directory, still knows every access token it
 * acknowledged (client-credentials tokens are stored as authorizations). Three rounds. Without
 * {@code WRITE_DELAY=0} in the datasource URL, H2 would lose the commits of the last ~500 ms.
 */
class H2DurabilityIT {

    private static final String CLIENT = "load-service";

    private static final String SECRET = "load-secret-0123456789-0123456789-ab";

    @TempDir
    Path dir;

    @Test
    void killWhenUnderClientCredentialsLoadThenEveryAcknowledgedTokenIsActiveAfterRestart() throws Exception {
        Path masterKey = Files.writeString(this.dir.resolve("master.key"), TestKeys.MASTER_KEY_BASE64);
        Path config = Files.writeString(this.dir.resolve("phoenix.yml"), """
                phoenix:
                  bootstrap:
                    clients:
                      - client-id: %s
                        client-secret: "%s"
                        grant-types: [client_credentials]
                        auth-methods: [client_secret_basic]
                        scopes: [api.read]
                """.formatted(CLIENT, SECRET));
        int port = TestPorts.findFreePort();
        List<String> args = List.of(
                "--phoenix.issuer=http://localhost:" + port,
                "--phoenix.data-dir=" + this.dir.resolve("data"),
                "--phoenix.master-key-file=" + masterKey,
                "--spring.config.additional-location=file:" + config);
        try (AuthServerNode node = AuthServerNode.start("h2-node", port, this.dir, args)) {
            for (int round = 1; round <= 3; round++) {
                ClientCredentialsLoad load = new ClientCredentialsLoad(node.baseUrl(), CLIENT, SECRET)
                        .start(8)
                        .awaitAcknowledged(150, Duration.ofSeconds(60));

                node.kill();
                List<String> acknowledged = load.stop();
                node.restart();

                assertThat(acknowledged)
                        .as("round %d: tokens issued before the kill", round)
                        .isNotEmpty();
                assertThat(ClientCredentialsLoad.notActive(node.baseUrl(), CLIENT, SECRET, acknowledged))
                        .as(
                                "round %d: of %d acknowledged tokens, these were lost by kill -9",
                                round, acknowledged.size())
                        .isEmpty();
            }
        }
    }
}
