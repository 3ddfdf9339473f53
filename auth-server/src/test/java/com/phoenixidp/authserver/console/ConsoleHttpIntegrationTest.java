package com.phoenixidp.authserver.console;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.audit.AuditQuery;
import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.ClientService;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import com.phoenixidp.authserver.user.UserService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console over plain HTTP: who gets in (role admin; 403, login redirect or 401 otherwise),
 * how the JSON API and the pages share {@code /admin/...} (bearer token or not), CSRF on every
 * form, refusals shown on the page with the field marked, the delete confirmation step, and the
 * dashboard's figures.
 */
class ConsoleHttpIntegrationTest extends AuthServerIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    private UserService users;

    @Autowired
    private AuditLog audit;

    @Autowired
    private ClientService clients;

    @Test
    void consoleWhenNotSignedInThenBrowserSentToLoginAndOtherCallersGet401() {
        Response browser = client().browse("/admin/users");
        assertThat(browser.status()).isEqualTo(302);
        assertThat(browser.location()).endsWith("/login");

        Response api = client().get("/admin/users", "Accept", "application/json");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));

        Response post = client().post("/admin/keys/rotate", null, "");
        assertThat(post.status()).isEqualTo(401);
    }

    @Test
    void consoleWhenSignedInWithoutAdminRoleThen403() {
        OAuthTestClient alice = signedIn(ALICE, ALICE_PASSWORD);

        assertThat(alice.browse("/admin").status()).isEqualTo(403);
        assertThat(alice.browse("/admin/users/bob").status()).isEqualTo(403);
        Response page = alice.browse("/");
        String csrf = csrf(page.body());
        Response post = alice.postForm("/admin/keys/rotate", Map.of("_csrf", csrf));
        assertThat(post.status()).isEqualTo(403);
    }

    @Test
    void adminPathsWhenBearerTokenThenJsonApiElseConsolePage() {
        OAuthTestClient http = client();
        String token = (String) http.clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin")
                .json()
                .get("access_token");

        Response api = http.get("/admin/keys", "Authorization", "Bearer " + token);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json()).containsKey("keys");
        // a console-only path is not reachable with a bearer token (no page with CSRF off)
        assertThat(http.get("/admin/users", "Authorization", "Bearer " + token).status())
                .isEqualTo(404);

        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);
        assertThat(bob.browse("/").body()).contains("id=\"admin-link\"");
        Response page = bob.browse("/admin/keys");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type"))
                .hasValueSatisfying((t) -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"rotate-keys\"", "ACTIVE", "NEXT");
        // a session does not open the JSON API
        assertThat(bob.get("/admin/keys", "Authorization", "Bearer not-a-token").status())
                .isEqualTo(401);
    }

    @Test
    void formsWhenCsrfTokenMissingThenRefused() {
        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);

        Response response =
                bob.postForm("/admin/users", Map.of("username", "csrf-less", "password", "csrf-less-password-1"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(this.users.findByUsername("csrf-less")).isEmpty();
    }

    @Test
    void createWhenUsernameTakenOrPasswordTooShortThenPageShowsMessageAndMarksField() {
        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);

        Response taken = submit(
                bob, "/admin/users", "/admin/users", Map.of("username", "ALICE", "password", "long-enough-pass-1"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("id=\"error\"", "is taken");
        assertThat(inputTag(taken.body(), "new-username")).contains("invalid", "value=\"ALICE\"");

        Response shortPassword =
                submit(bob, "/admin/users", "/admin/users", Map.of("username", "short-pw-user", "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("at least 8 characters");
        assertThat(inputTag(shortPassword.body(), "new-password")).contains("invalid");
        assertThat(this.users.findByUsername("short-pw-user")).isEmpty();
    }

    @Test
    void userPageWhenUnknownUserThen404Page() {
        Response response = signedIn(BOB, BOB_PASSWORD).browse("/admin/users/no-such-user");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("id=\"not-found\"", "no-such-user");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void userWhenPasswordRolesAndDeleteThenServiceAppliesThemAndAuditNamesTheAdmin() {
        String username = "http-" + UUID.randomUUID().toString().substring(0, 8);
        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);
        Response created = submit(
                bob,
                "/admin/users",
                "/admin/users",
                Map.of("username", username, "email", username + "@example.com", "password", "first-password-1"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.location()).endsWith("/admin/users/" + username);
        String page = "/admin/users/" + username;

        Response weak = submit(bob, page, page + "/password", Map.of("password", username));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("must not be the username");
        assertThat(inputTag(weak.body(), "password")).contains("invalid");
        assertThat(submit(bob, page, page + "/password", Map.of("password", "second-password-2"))
                        .status())
                .isEqualTo(302);
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, "second-password-2")))
                .isTrue();
        assertThat(OAuthTestClient.loginSucceeded(client().login(username, "first-password-1")))
                .isFalse();

        assertThat(submit(bob, page, page + "/roles", Map.of("roles", "user, auditors"))
                        .status())
                .isEqualTo(302);
        assertThat(this.users.getByUsername(username).roles()).containsExactlyInAnyOrder("user", "auditors");
        Response badRole = submit(bob, page, page + "/roles", Map.of("roles", "no/slashes"));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(inputTag(badRole.body(), "roles")).contains("invalid", "no/slashes");

        Response confirm = bob.browse(page + "/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"confirm-delete\"");
        assertThat(this.users.findByUsername(username)).isPresent();
        Response deleted = submit(bob, page + "/delete", page + "/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.location()).endsWith("/admin/users");
        assertThat(this.users.findByUsername(username)).isEmpty();

        assertThat(this.audit.query(new AuditQuery(username, null, null, null, null, 100)))
                .filteredOn((e) -> BOB.equals(e.actor()))
                .extracting((e) -> e.type())
                .contains("user.created", "user.password_set", "user.roles_set", "user.deleted");
    }

    @Test
    void clientWhenRuleBrokenThenFieldMarkedAndWhenDeletedAfterConfirmationThenGone() {
        String clientId = "http-" + UUID.randomUUID().toString().substring(0, 8);
        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("clientId", clientId);
        form.put("grantTypes", "authorization_code");
        form.put("authMethods", "none");
        form.put("scopes", "openid");
        form.put("redirectUris", "http://app.example.com/callback");

        Response refused = submit(bob, "/admin/clients", "/admin/clients", form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"error\"", "https");
        assertThat(refused.body()).containsPattern("<textarea[^>]*id=\"redirect-uris\"[^>]*invalid");

        form.put("redirectUris", "https://app.example.com/callback");
        Response created = submit(bob, "/admin/clients", "/admin/clients", form);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).contains("id=\"client-id\"").doesNotContain("id=\"new-secret\"");
        assertThat(created.header("Location")).isEmpty();

        String page = "/admin/clients/" + clientId;
        assertThat(bob.browse(page + "/delete").body()).contains("id=\"confirm-delete\"");
        Response deleted = submit(bob, page + "/delete", page + "/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(bob.browse(page).status()).isEqualTo(404);
        assertThat(this.audit.query(new AuditQuery(null, clientId, "client", null, null, 10)))
                .extracting((e) -> e.type() + " by " + e.actor())
                .containsExactly("client.deleted by bob", "client.created by bob");
    }

    @Test
    void dashboardWhenTokensIssuedThenChartsCountThemAndFiguresShown() {
        OAuthTestClient http = client();
        for (int i = 0; i < 3; i++) {
            http.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read");
        }
        Response page = signedIn(BOB, BOB_PASSWORD).browse("/admin");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<svg", "id=\"tokens-chart\"", "id=\"sign-ins-chart\"", "<title>");
        assertThat(number(page.body(), "tokens-chart-total-0")).isGreaterThanOrEqualTo(3);
        assertThat(number(page.body(), "sign-ins-chart-total-0")).isGreaterThanOrEqualTo(1);
        assertThat(number(page.body(), "user-count")).isEqualTo(this.users.count());
        assertThat(number(page.body(), "active-sessions")).isGreaterThanOrEqualTo(1);
        assertThat(page.body()).contains("id=\"key-ages\"", "RS256", "ES256");
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    void auditWhenFilteredByTypeThenOnlyThoseEvents() {
        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);

        Response page = bob.browse("/admin/audit?type=login.succeeded&user=bob");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"audit\"");
        Matcher types = Pattern.compile("data-type=\"([^\"]+)\"").matcher(page.body());
        int rows = 0;
        while (types.find()) {
            assertThat(types.group(1)).isEqualTo("login.succeeded");
            rows++;
        }
        assertThat(rows).isPositive();
        assertThat(bob.browse("/admin/audit?since=yesterday").status()).isEqualTo(400);
    }

    @Test
    void userPasswordWhenDirectoryUserThenNoFormAndSetPasswordRefusedOnThePage() {
        String username = "http-ldap-" + UUID.randomUUID().toString().substring(0, 8);
        // as the first directory sign-in creates it
        this.users.create(UserDraft.named(username), PhoenixUser.LDAP, new Actor("test", "test", null));
        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);
        String page = "/admin/users/" + username;

        Response shown = bob.browse(page);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"password-managed\"").doesNotContain("id=\"password-form\"");
        // a form posted anyway (another tab, a script) is refused with the reason
        Response refused = submit(bob, page, page + "/password", Map.of("password", "admin-chosen-password-1"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("managed by the user directory (LDAP): change it there");
        assertThat(this.users.getByUsername(username).passwordHash()).isNull();
    }

    @Test
    void clientPageWhenDisableThenEnableSubmittedThenSwitchedTokensRevokedAndAudited() throws Exception {
        String clientId = "switch-" + UUID.randomUUID().toString().substring(0, 8);
        ClientDefinition definition = new ClientDefinition();
        definition.setClientId(clientId);
        definition.setGrantTypes(new java.util.ArrayList<>(java.util.List.of("client_credentials")));
        definition.setAuthMethods(new java.util.ArrayList<>(java.util.List.of("client_secret_basic")));
        definition.setScopes(new java.util.ArrayList<>(java.util.List.of("api.read")));
        String secret = this.clients.create(definition, Actor.BOOTSTRAP).generatedSecret();
        String token = (String)
                client().clientCredentialsBasic(clientId, secret, null).json().get("access_token");
        OAuthTestClient bob = signedIn(BOB, BOB_PASSWORD);
        String page = "/admin/clients/" + clientId;
        assertThat(bob.browse(page).body())
                .contains("id=\"client-status\" class=\"badge ok\"", "id=\"disable-client\"");

        Response withoutCsrf = bob.postForm(page + "/disable", Map.of());
        assertThat(withoutCsrf.status()).isEqualTo(403);
        assertThat(this.clients.find(clientId).orElseThrow().definition().isEnabled())
                .isTrue();
        Response disabled = submit(bob, page, page + "/disable", Map.of());

        assertThat(disabled.status()).isEqualTo(302);
        assertThat(disabled.location()).endsWith(page);
        Response shown = bob.browse(page);
        assertThat(shown.body())
                .contains("id=\"client-status\" class=\"badge off\"", "id=\"enable-client\"", "its tokens are revoked")
                .doesNotContain("id=\"disable-client\"");
        assertThat(bob.browse("/admin/clients").body())
                .containsPattern(Pattern.quote(clientId) + "</a>\\s*<span class=\"badge off\">disabled");
        assertThat(client().clientCredentialsBasic(clientId, secret, null).status())
                .isEqualTo(401);
        // its client-credentials token is stateless: revoked by the client's not_before, not by jti
        assertThat(client().get("/oauth2/revoked-tokens").body())
                .contains("{\"client_id\":\"" + clientId + "\",\"not_before\":");
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, token)).containsEntry("active", false);

        Response enabled = submit(bob, page, page + "/enable", Map.of());

        assertThat(enabled.status()).isEqualTo(302);
        assertThat(bob.browse(page).body()).contains("id=\"disable-client\"");
        assertThat(client().clientCredentialsBasic(clientId, secret, null).status())
                .isEqualTo(200);
        assertThat(this.audit.query(new AuditQuery(null, clientId, "client", null, null, 10)))
                .extracting((e) -> e.type() + " by " + e.actor())
                .containsExactly("client.enabled by bob", "client.disabled by bob", "client.created by bootstrap");
    }

    private OAuthTestClient signedIn(String username, String password) {
        OAuthTestClient http = client();
        assertThat(OAuthTestClient.loginSucceeded(http.login(username, password)))
                .isTrue();
        return http;
    }

    /** Loads {@code page} for its CSRF token, then posts {@code form} to {@code action}. */
    private static Response submit(OAuthTestClient http, String page, String action, Map<String, String> form) {
        Response loaded = http.browse(page);
        assertThat(loaded.status()).as(page).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("_csrf", csrf(loaded.body()));
        return http.postForm(action, fields);
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a form with a CSRF token").isTrue();
        return matcher.group(1);
    }

    private static String inputTag(String html, String id) {
        Matcher matcher = Pattern.compile("<input[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(html);
        assertThat(matcher.find()).as("input #" + id).isTrue();
        return matcher.group();
    }

    private static long number(String html, String id) {
        Matcher matcher =
                Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(\\d+)<").matcher(html);
        assertThat(matcher.find()).as("#" + id).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
