package com.phoenixidp.authserver.ldap;

import static com.phoenixidp.authserver.TestData.ADMIN_TOOL;
import static com.phoenixidp.authserver.TestData.ADMIN_TOOL_SECRET;
import static com.phoenixidp.authserver.TestData.ALICE;
import static com.phoenixidp.authserver.TestData.ALICE_PASSWORD;
import static com.phoenixidp.authserver.TestData.CAROL;
import static com.phoenixidp.authserver.TestData.CAROL_PASSWORD;
import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_REDIRECT;
import static com.phoenixidp.authserver.TestData.WEB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.TestDirectory;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.user.GroupService;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Password sign-in of directory users against a real OpenLDAP server ({@link TestDirectory}):
 * the shadow record and its roles, group changes, wrong passwords, removed and locked users (at
 * sign-in and at the next refresh after {@code recheck-interval}, 2 s here), the directory down
 * (local users unaffected, directory users told so), LDAP filter injection, and a local account
 * that keeps its name against a directory entry.
 */
class LdapSignInIntegrationTest extends AuthServerIntegrationTest {

    private static final String LENA = "lena";

    private static final String LENA_PASSWORD = "lena-directory-pw-1";

    @Autowired
    private UserService users;

    @Autowired
    private GroupService groups;

    @Autowired
    private AuditLog audit;

    @BeforeAll
    static void directoryUsers() {
        TestDirectory.assumeInstalled();
        TestDirectory directory = TestDirectory.shared();
        directory.addUser(LENA, LENA_PASSWORD, "Lena", "Lindqvist", "lena@example.org");
        directory.addUser("ldap-gone", "gone-directory-pw-1", "Gustav", "Gone", null);
        directory.addUser("ldap-refresh", "refresh-directory-pw-1", "Rita", "Refresh", "rita@example.org");
        directory.addUser("ldap-locked", "locked-directory-pw-1", "Lotta", "Locked", null);
        directory.addUser("ldap-roles", "roles-directory-pw-1", "Rolf", "Roles", null);
        directory.addUser("ldap-throttle", "throttle-directory-pw-1", "Tim", "Throttle", null);
        directory.addUser(CAROL, "carol-directory-pw-1", "Carol", "Directory", null);
        directory.addGroup("developers", LENA, "ldap-refresh");
        directory.addGroup("staff", LENA, "ldap-roles");
        directory.addGroup("ops", "ldap-roles", "ldap-throttle");
        directory.addGroup("ignored-group", LENA);
    }

    @Test
    void signInWhenDirectoryPasswordThenShadowUserWithDirectoryProfileAndGroupRolesInTokens() throws Exception {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid profile email").pkce(pkce), LENA, LENA_PASSWORD);
        assertThat(result.code())
                .as("authorization response %s", result.location())
                .isNotNull();
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);

        JWTClaimsSet access =
                OAuthTestClient.verifiedClaims((String) tokens.json().get("access_token"), browser.jwks());
        JWTClaimsSet id = OAuthTestClient.verifiedClaims((String) tokens.json().get("id_token"), browser.jwks());
        // developers is mapped to "developer", staff keeps its name, ignored-group is mapped to nothing
        assertThat(access.getStringListClaim("roles")).containsExactlyInAnyOrder("developer", "staff");
        assertThat(access.getSubject()).isEqualTo(LENA);
        assertThat(id.getClaim("email")).isEqualTo("lena@example.org");
        assertThat(id.getClaim("name")).isEqualTo("Lena Lindqvist");

        PhoenixUser shadow = this.users.getByUsername(LENA);
        assertThat(shadow.source()).isEqualTo("ldap");
        assertThat(shadow.passwordHash())
                .as("the directory password is never stored")
                .isNull();
        assertThat(shadow.givenName()).isEqualTo("Lena");
        assertThat(shadow.familyName()).isEqualTo("Lindqvist");
        assertThat(shadow.userHandle()).as("passkeys work for directory users").isNotNull();
        assertThat(this.jdbc.queryForObject(
                        "SELECT dn FROM phoenix_ldap_account WHERE user_id = ?", String.class, shadow.id()))
                .isEqualTo(TestDirectory.userDn(LENA));

        // a second sign-in keeps the same record (stable id)
        assertThat(OAuthTestClient.loginSucceeded(client().login(LENA, LENA_PASSWORD)))
                .isTrue();
        assertThat(this.users.getByUsername(LENA).id()).isEqualTo(shadow.id());
        assertThat(events("login.succeeded", LENA)).isNotEmpty();

        // the admin API shows where the user comes from
        String admin = "Bearer "
                + client().clientCredentialsBasic(ADMIN_TOOL, ADMIN_TOOL_SECRET, "phoenix.admin")
                        .json()
                        .get("access_token");
        Response identity = client().get("/admin/users/" + LENA + "/identity", "Authorization", admin);
        assertThat(identity.status()).as(identity.body()).isEqualTo(200);
        assertThat(identity.json()).containsEntry("source", "ldap");
        assertThat(identity.json().get("ldap").toString()).contains("dn=" + TestDirectory.userDn(LENA));
    }

    @Test
    void signInWhenDirectoryGroupsChangeThenDirectoryRolesReplacedAndLocalGroupsKept() {
        TestDirectory directory = TestDirectory.shared();
        assertThat(OAuthTestClient.loginSucceeded(client().login("ldap-roles", "roles-directory-pw-1")))
                .isTrue();
        PhoenixUser user = this.users.getByUsername("ldap-roles");
        assertThat(user.roles()).containsExactlyInAnyOrder("ops", "staff");
        // an admin adds a local group; the directory moves the user from ops to developers
        this.groups.setRoles(user.id(), List.of("ops", "staff", "auditor"), new Actor("test", "console", null));
        directory.removeMember("ops", "ldap-roles");
        directory.addMember("developers", "ldap-roles");

        assertThat(OAuthTestClient.loginSucceeded(client().login("ldap-roles", "roles-directory-pw-1")))
                .isTrue();

        assertThat(this.users.getByUsername("ldap-roles").roles())
                .containsExactlyInAnyOrder("auditor", "developer", "staff");
    }

    @Test
    void signInWhenWrongPasswordThenRefusedAndCountedByTheThrottleUntilLocked() {
        String user = "ldap-throttle";
        assertThat(OAuthTestClient.loginSucceeded(client().login(user, "throttle-directory-pw-1")))
                .isTrue();

        Response wrong = client().login(user, "not-the-password");

        assertThat(wrong.location()).endsWith("/login?error");
        assertThat(this.users.getByUsername(user).failedLogins()).isEqualTo(1);
        assertThat(events("login.failed", user))
                .anySatisfy((details) -> assertThat(details).contains("bad_credentials"));
        // each failure doubles the account's back-off (PasswordThrottle): after two more wrong
        // passwords even the right one is refused, throttled, without asking the directory
        client().login(user, "not-the-password");
        client().login(user, "not-the-password");
        assertThat(this.users.getByUsername(user).lockedUntil()).isNotNull();
        assertThat(client().login(user, "throttle-directory-pw-1").location()).endsWith("/login?error");
        assertThat(events("login.failed", user))
                .anySatisfy((details) -> assertThat(details).contains("throttled"));
    }

    @Test
    void signInWhenUserRemovedFromDirectoryThenRefused() {
        assertThat(OAuthTestClient.loginSucceeded(client().login("ldap-gone", "gone-directory-pw-1")))
                .isTrue();

        TestDirectory.shared().deleteUser("ldap-gone");

        Response refused = client().login("ldap-gone", "gone-directory-pw-1");
        assertThat(refused.location()).endsWith("/login?error");
        assertThat(this.users.findByUsername("ldap-gone"))
                .as("the shadow record stays")
                .isPresent();
    }

    @Test
    void refreshWhenUserRemovedFromDirectoryThenInvalidGrantOnceRecheckIntervalPassed() throws Exception {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce),
                "ldap-refresh",
                "refresh-directory-pw-1");
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String refreshToken = (String) tokens.json().get("refresh_token");
        Response refreshed = browser.refreshBasic(WEB, WEB_SECRET, refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        refreshToken = (String) refreshed.json().get("refresh_token");

        TestDirectory.shared().deleteUser("ldap-refresh");
        Thread.sleep(2_500);

        Response refused = browser.refreshBasic(WEB, WEB_SECRET, refreshToken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("error", "invalid_grant");
        assertThat(events("ldap.user_refused", "ldap-refresh"))
                .singleElement()
                .satisfies((details) -> assertThat(details).contains("removed_from_directory"));
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?",
                        Integer.class,
                        "ldap-refresh"))
                .as("all of the user's tokens are revoked")
                .isZero();
    }

    @Test
    void signInAndRefreshWhenUserLockedInDirectoryThenRefused() throws Exception {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce),
                "ldap-locked",
                "locked-directory-pw-1");
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);

        TestDirectory.shared().lock("ldap-locked");

        assertThat(client().login("ldap-locked", "locked-directory-pw-1").location())
                .endsWith("/login?error");
        Thread.sleep(2_500);
        Response refused =
                browser.refreshBasic(WEB, WEB_SECRET, (String) tokens.json().get("refresh_token"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("error", "invalid_grant");
        assertThat(events("ldap.user_refused", "ldap-locked"))
                .singleElement()
                .satisfies((details) -> assertThat(details).contains("disabled_in_directory"));
    }

    @Test
    void signInWhenDirectoryDownThenLocalUsersFineAndDirectoryUsersToldItIsUnavailable() {
        TestDirectory directory = TestDirectory.shared();
        assertThat(OAuthTestClient.loginSucceeded(client().login(LENA, LENA_PASSWORD)))
                .isTrue();
        directory.stop();
        try {
            assertThat(OAuthTestClient.loginSucceeded(client().login(ALICE, ALICE_PASSWORD)))
                    .as("a local user while the directory is down")
                    .isTrue();

            OAuthTestClient browser = client();
            Response refused = browser.login(LENA, LENA_PASSWORD);
            assertThat(refused.status()).isEqualTo(302);
            assertThat(refused.location()).endsWith("/login?error=directory");
            Response page = browser.browse(refused.location());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("The user directory is unavailable");
            // an unknown name goes to the directory too: the same answer, never a 500
            assertThat(client().login("nobody-anywhere", "whatever-password").location())
                    .endsWith("/login?error=directory");
            assertThat(events("login.failed", LENA)).last().asString().contains("directory_unavailable");
        } finally {
            directory.start();
        }
        assertThat(OAuthTestClient.loginSucceeded(client().login(LENA, LENA_PASSWORD)))
                .as("the pool reconnects once the directory is back")
                .isTrue();
    }

    @Test
    void signInWhenUsernameTriesFilterInjectionThenRefused() {
        // unescaped, "le*" would be (uid=le*), which finds lena's entry, and her password would bind
        for (String username : new String[] {"le*", "*", "*)(uid=*", "lena)(|(uid=*", "lena\\", "*)(objectClass=*"}) {
            Response response = client().login(username, LENA_PASSWORD);
            assertThat(response.status()).as(username).isEqualTo(302);
            assertThat(response.location()).as(username).endsWith("/login?error");
        }
        assertThat(this.users.findByUsername("le*")).isEmpty();
    }

    @Test
    void signInWhenDirectoryHasEntryWithLocalUsersNameThenLocalAccountWins() {
        Response directoryPassword = client().login(CAROL, "carol-directory-pw-1");
        assertThat(directoryPassword.location()).endsWith("/login?error");
        // that wrong password started carol's back-off (1 s)
        waitOutLoginBackoff(1);

        assertThat(OAuthTestClient.loginSucceeded(client().login(CAROL, CAROL_PASSWORD)))
                .isTrue();
        assertThat(this.users.getByUsername(CAROL).source()).isEqualTo("local");
    }

    /** The details column of the user's audit events of this type, oldest first. */
    private List<String> events(String type, String username) {
        this.audit.flush();
        return this.jdbc
                .queryForList(
                        "SELECT COALESCE(details, '') AS d FROM phoenix_audit_event WHERE event_type = ? AND username = ?"
                                + " ORDER BY id",
                        type,
                        username)
                .stream()
                .map((Map<String, Object> row) -> String.valueOf(row.get("D") != null ? row.get("D") : row.get("d")))
                .toList();
    }
}
