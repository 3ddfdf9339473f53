package com.phoenixidp.authserver.admin;

import static com.phoenixidp.authserver.TestData.ADMIN_TOOL;
import static com.phoenixidp.authserver.TestData.ADMIN_TOOL_SECRET;
import static com.phoenixidp.authserver.TestData.SERVICE;
import static com.phoenixidp.authserver.TestData.SERVICE_SECRET;
import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_REDIRECT;
import static com.phoenixidp.authserver.TestData.WEB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin API's user endpoints (sessions, sign-out everywhere) and the audit query, over real
 * HTTP with client-credentials bearer tokens.
 */
class AdminUserApiIntegrationTest extends AuthServerIntegrationTest {

    private static final String USER = "adminapi-user";

    private static final String PASSWORD = "adminapi-password-1";

    @Test
    void logoutWhenUserSignedInThenSessionsListedThenEndedAndTokensRevokedAndAudited() {
        Instant before = Instant.now().minusSeconds(1);
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        var result =
                browser.authorize(new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), USER, PASSWORD);
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String accessToken = (String) tokens.json().get("access_token");
        String refreshToken = (String) tokens.json().get("refresh_token");
        String admin = "Bearer " + adminToken();

        Response sessions = client().get("/admin/users/" + USER + "/sessions", "Authorization", admin);

        assertThat(sessions.status()).as(sessions.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list =
                (List<Map<String, Object>>) sessions.json().get("sessions");
        assertThat(list).hasSize(1);
        Map<String, Object> session = list.get(0);
        assertThat(session).containsKeys("id", "created", "lastSeen", "address", "userAgent", "clients");
        assertThat((String) session.get("address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(session.get("clients")).isEqualTo(List.of(WEB));
        assertThat(browser.browse("/account").status()).isEqualTo(200);

        Response logout = client().post("/admin/users/" + USER + "/logout", null, "", "Authorization", admin);

        assertThat(logout.status()).as(logout.body()).isEqualTo(200);
        Response after = client().get("/admin/users/" + USER + "/sessions", "Authorization", admin);
        assertThat((List<?>) after.json().get("sessions")).isEmpty();
        Response account = browser.browse("/account");
        assertThat(account.isRedirect()).isTrue();
        assertThat(account.location()).contains("/login");
        Response refreshed = client().refreshBasic(WEB, WEB_SECRET, refreshToken);
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.json()).containsEntry("error", "invalid_grant");
        assertThat(client().introspect(WEB, WEB_SECRET, accessToken)).containsEntry("active", false);

        Response audit =
                client().get("/admin/audit?user=" + USER + "&type=session&since=" + before, "Authorization", admin);
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events =
                (List<Map<String, Object>>) audit.json().get("events");
        assertThat(events).anySatisfy((e) -> {
            assertThat(e).containsEntry("type", "session.logout");
            assertThat(e).containsEntry("actor", ADMIN_TOOL);
            assertThat(e).containsEntry("user", USER);
            assertThat(e).containsEntry("outcome", "success");
            assertThat(e).containsKeys("time", "address");
        });
    }

    @Test
    void auditWhenFilteredByTypePrefixThenNewestFirstAndOnlyThatType() {
        String admin = "Bearer " + adminToken();
        client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");
        client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");

        Response audit = client().get("/admin/audit?client=" + SERVICE + "&type=token&limit=2", "Authorization", admin);

        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events =
                (List<Map<String, Object>>) audit.json().get("events");
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy((e) -> {
            assertThat((String) e.get("type")).startsWith("token.");
            assertThat(e).containsEntry("client", SERVICE);
        });
        assertThat(Instant.parse((String) events.get(0).get("time")))
                .isAfterOrEqualTo(Instant.parse((String) events.get(1).get("time")));
        assertThat(audit.body()).doesNotContain(SERVICE_SECRET);
    }

    @Test
    void auditWhenBadParametersThen400WithFieldAndNoStackTrace() {
        String admin = "Bearer " + adminToken();

        Response badSince = client().get("/admin/audit?since=yesterday", "Authorization", admin);
        Response badLimit = client().get("/admin/audit?limit=0", "Authorization", admin);
        Response hugeLimit = client().get("/admin/audit?limit=99999999999999", "Authorization", admin);

        for (Response r : List.of(badSince, badLimit, hugeLimit)) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at com.");
        }
        assertThat(badSince.body()).contains("since");
        assertThat(badLimit.body()).contains("limit");
    }

    @Test
    void userEndpointsWhenUnknownUserThen404AndWithoutAdminScopeThen401Or403() {
        String admin = "Bearer " + adminToken();
        String service = "Bearer "
                + client().clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                        .json()
                        .get("access_token");

        assertThat(client().get("/admin/users/no-such-user/sessions", "Authorization", admin)
                        .status())
                .isEqualTo(404);
        assertThat(client().post("/admin/users/no-such-user/logout", null, "", "Authorization", admin)
                        .status())
                .isEqualTo(404);
        assertThat(client().get("/admin/users/" + USER + "/sessions", "Authorization", service)
                        .status())
                .isEqualTo(403);
        assertThat(client().get("/admin/audit", "Authorization", service).status())
                .isEqualTo(403);
        assertThat(client().get("/admin/audit", "Authorization", "Bearer not-a-token")
                        .status())
                .isEqualTo(401);
    }

    private String adminToken() {
        Response token = client().clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("access_token");
    }
}
