package com.phoenixidp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.admin.http.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code keys ...} and {@code audit}. */
class KeysAndAuditCommandsTest {

    static final String KEYS = "{\"keys\":[{\"kid\":\"k1\",\"alg\":\"RS256\",\"status\":\"ACTIVE\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\",\"activated_at\":\"2026-01-01T00:00:00Z\"},"
            + "{\"kid\":\"k2\",\"alg\":\"RS256\",\"status\":\"NEXT\",\"created_at\":\"2026-02-01T00:00:00Z\"}]}";

    StubServer server;

    @BeforeEach
    void start() {
        this.server = StubServer.http();
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void keysListWhenKeysThenAlignedTable() {
        this.server.onJson("GET", "/admin/keys", 200, KEYS);

        AdminRunner.Result result = AdminRunner.against(this.server).run("keys", "list");

        assertThat(result.out())
                .isEqualTo("KID  ALG    STATUS  CREATED               ACTIVATED             RETIRED\n"
                        + "k1   RS256  ACTIVE  2026-01-01T00:00:00Z  2026-01-01T00:00:00Z  -\n"
                        + "k2   RS256  NEXT    2026-02-01T00:00:00Z  -                     -\n");
    }

    @Test
    void keysRotateWhenDoneThenNamesTheNewSigningKey() {
        this.server.onJson(
                "POST",
                "/admin/keys/rotate",
                200,
                "{\"rotated\":true,\"keys\":[{\"kid\":\"k2\","
                        + "\"alg\":\"RS256\",\"status\":\"ACTIVE\"},{\"kid\":\"k1\",\"alg\":\"RS256\",\"status\":\"RETIRED\"}]}");

        AdminRunner.Result result = AdminRunner.against(this.server).run("keys", "rotate");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Rotated the signing keys; now signing with k2.\nKID");
    }

    @Test
    void auditWhenFiltersThenQueryWithSinceCountedBackFromNow() {
        this.server.onJson(
                "GET",
                "/admin/audit",
                200,
                "{\"events\":[{\"time\":\"2026-03-01T11:30:00Z\",\"type\":"
                        + "\"user.disabled\",\"actor\":\"admin-cli\",\"user\":\"carol\",\"address\":\"127.0.0.1\","
                        + "\"outcome\":\"success\"}]}");

        AdminRunner.Result result = AdminRunner.against(this.server)
                .run("audit", "--user", "carol", "--type", "user.disabled", "--since", "90m", "--limit", "5");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(this.server.apiRequests().get(0).uri())
                .isEqualTo("/admin/audit?user=carol&type=user.disabled&since=2026-03-01T10%3A30%3A00Z&limit=5");
        assertThat(result.out().lines().toList())
                .containsExactly(
                        "TIME                  TYPE           ACTOR      USER   CLIENT  ADDRESS    OUTCOME",
                        "2026-03-01T11:30:00Z  user.disabled  admin-cli  carol  -       127.0.0.1  success");
    }

    @Test
    void auditWhenJsonThenEventsArray() {
        this.server.onJson("GET", "/admin/audit", 200, "{\"events\":[]}");

        AdminRunner.Result result = AdminRunner.against(this.server).run("audit", "--json");

        assertThat(Json.parseOrNull(result.out()).isArray()).isTrue();
        assertThat(this.server.apiRequests().get(0).uri()).isEqualTo("/admin/audit");
    }
}
