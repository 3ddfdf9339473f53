package com.phoenixidp.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's Spring AOT code (target/cds, made by {@code cds-archive.sh --spring-aot} for the demo
 * configuration) as the README's quick start runs it, through {@code auth-server/phoenix-idp}: with
 * the demo configuration (and a port, data directory and issuer of its own, which are not part of
 * what must match) the server runs the generated bean definitions and serves the protocols; with a
 * configuration that would change the beans, it starts the ordinary way by itself and honours it,
 * instead of silently running the demo's beans.
 */
class SpringAotStartIT {

    private static final String WEB_REDIRECT = "http://localhost:8080/login/oauth2/code/phoenix";

    private static final String AOT_STARTED = "Starting AOT-processed PhoenixAuthServerApplication";

    private static final String FELL_BACK = "Started without the code Spring AOT generated at build time";

    @TempDir
    Path dir;

    @Test
    void demoConfigurationWhenStartedByTheLauncherThenRunsTheGeneratedCodeAndServesTheProtocols() throws Exception {
        requireSpringAotBuild();
        int port = TestPorts.findFreePort();
        Path data = this.dir.resolve("data");
        try (AuthServerNode node = AuthServerNode.startWithLauncher("aot", port, port, this.dir, demo(port, data))) {
            assertThat(node.log()).contains(AOT_STARTED).doesNotContain(FELL_BACK);
            OAuthTestClient http = new OAuthTestClient(node.baseUrl());

            Response discovery = http.get("/.well-known/openid-configuration");
            assertThat(discovery.status()).isEqualTo(200);
            assertThat(discovery.json()).containsEntry("issuer", node.baseUrl());

            String serviceSecret = secret(data, "demo-service.secret");
            Response token = http.postForm(
                    "/oauth2/token",
                    Map.of("grant_type", "client_credentials", "scope", "api.read"),
                    "demo-service",
                    serviceSecret);
            assertThat(token.status()).as(token.body()).isEqualTo(200);
            Response introspection = http.postForm(
                    "/oauth2/introspect",
                    Map.of("token", (String) token.json().get("access_token")),
                    "demo-service",
                    serviceSecret);
            assertThat(introspection.json()).containsEntry("active", true);

            Pkce pkce = OAuthTestClient.pkce();
            var code = http.authorize(
                    new AuthorizationRequest("demo-web", WEB_REDIRECT, "openid").pkce(pkce),
                    "alice",
                    secret(data, "alice.password"));
            Response tokens = http.exchangeCodeBasic(
                    "demo-web", secret(data, "demo-web.secret"), code.code(), WEB_REDIRECT, pkce.verifier());
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
            assertThat(tokens.json()).containsKeys("access_token", "id_token", "refresh_token");

            Response admin = http.postForm(
                    "/oauth2/token",
                    Map.of("grant_type", "client_credentials", "scope", "phoenix.admin"),
                    "demo-admin",
                    secret(data, "demo-admin.secret"));
            String filter = URLEncoder.encode("userName eq \"alice\"", StandardCharsets.UTF_8);
            Response users = http.get(
                    "/scim/v2/Users?filter=" + filter,
                    "Authorization",
                    "Bearer " + admin.json().get("access_token"));
            assertThat(users.status()).as(users.body()).isEqualTo(200);
            assertThat(users.json()).containsEntry("totalResults", 1);
        }
    }

    @Test
    void otherConfigurationWhenStartedByTheLauncherThenStartsTheOrdinaryWayAndHonoursIt() throws Exception {
        requireSpringAotBuild();
        int port = TestPorts.findFreePort();
        int managementPort = TestPorts.findFreePort();
        List<String> args = new ArrayList<>(demo(port, this.dir.resolve("data")));
        args.add("--management.server.port=" + managementPort);
        try (AuthServerNode node = AuthServerNode.startWithLauncher("fallback", port, managementPort, this.dir, args)) {
            assertThat(node.log())
                    .contains(FELL_BACK)
                    .contains("set now but not then: management.server.port")
                    .doesNotContain(AOT_STARTED);
            // the separate management port the demo's generated beans know nothing of
            Response health = new OAuthTestClient("http://localhost:" + managementPort).get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
            assertThat(new OAuthTestClient(node.baseUrl())
                            .get("/.well-known/openid-configuration")
                            .status())
                    .isEqualTo(200);
        }
    }

    private static List<String> demo(int port, Path data) {
        return List.of(
                "--spring.profiles.active=demo",
                "--phoenix.data-dir=" + data,
                "--phoenix.issuer=http://localhost:" + port,
                "--logging.level.phoenix.audit=WARN");
    }

    private static String secret(Path data, String file) throws Exception {
        return Files.readString(data.resolve("secrets").resolve(file)).strip();
    }

    private static void requireSpringAotBuild() {
        TestRequirements.require(
                Files.isRegularFile(Path.of("target/cds/spring-aot")),
                "target/cds/spring-aot is missing: the build made no Spring AOT code (-Dcds.skip=true?)");
    }
}
