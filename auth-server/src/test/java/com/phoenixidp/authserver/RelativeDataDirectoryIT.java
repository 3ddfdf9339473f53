package com.phoenixidp.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --phoenix.data-dir=node-data}, a path relative to the working directory as an operator
 * writes it, starts the server with everything in that folder (the embedded database included,
 * whose H2 URL would otherwise be refused as "implicitly relative"), and it answers a token request.
 */
class RelativeDataDirectoryIT {

    @TempDir
    Path dir;

    @Test
    void dataDirectoryWhenRelativeThenServerStartsWithItsDatabaseThere() throws Exception {
        Path masterKey = Files.writeString(this.dir.resolve("master.key"), TestKeys.MASTER_KEY_BASE64);
        int port = TestPorts.findFreePort();
        List<String> args = List.of(
                "--phoenix.issuer=http://localhost:" + port,
                "--phoenix.data-dir=node-data",
                "--phoenix.master-key-file=" + masterKey);
        try (AuthServerNode node = AuthServerNode.start("relative", port, this.dir, args)) {
            assertThat(this.dir.resolve("node-data/phoenix.mv.db")).isRegularFile();
            OAuthTestClient.Response discovery =
                    new OAuthTestClient(node.baseUrl()).get("/.well-known/openid-configuration");
            assertThat(discovery.status()).isEqualTo(200);
            assertThat(node.log()).doesNotContain("implicitly relative");
        }
    }
}
