package com.phoenixidp.authserver.logout;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.audit.AuditLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * OpenID Connect Back-Channel Logout 1.0 end to end: a relying party's endpoint (a JDK HTTP
 * server) receives a signed logout token for every client of the session that ends, on an
 * RP-initiated logout, an admin's sign-out, a user disabled or deleted through SCIM; the ID
 * tokens carry the {@code sid} the logout tokens name; discovery says so.
 */
class BackchannelLogoutIntegrationTest extends AuthServerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    private AuditLog audit;

    private BackchannelTestSupport support;

    private LogoutReceiver rp1;

    private LogoutReceiver rp2;

    @BeforeEach
    void startRelyingParties() {
        this.support = new BackchannelTestSupport(baseUrl());
        this.rp1 = LogoutReceiver.start(0);
        this.rp2 = LogoutReceiver.start(0);
    }

    @AfterEach
    void stopRelyingParties() {
        this.rp1.close();
        this.rp2.close();
    }

    @Test
    void rpInitiatedLogoutWhenSessionSignedInToTwoClientsThenEachGetsLogoutTokenNamingTheSession() throws Exception {
        String client1 = this.support.registerClient(this.rp1.uri());
        String client2 = this.support.registerClient(this.rp2.uri());
        String quiet = this.support.registerClient(null);
        String user = "bcl-rp-" + OAuthTestClient.randomToken().substring(0, 6);
        this.support.createUser(user, "rp-logout-password-1");
        OAuthTestClient browser = client();
        String idToken1 = BackchannelTestSupport.signIn(browser, client1, user, "rp-logout-password-1");
        String idToken2 = BackchannelTestSupport.signIn(browser, client2, user, "rp-logout-password-1");
        BackchannelTestSupport.signIn(browser, quiet, user, "rp-logout-password-1");
        String sid = BackchannelTestSupport.sidOf(idToken1);
        assertThat(sid).as("ID tokens carry the session's sid").isNotBlank().hasSize(43);
        assertThat(BackchannelTestSupport.sidOf(idToken2))
                .as("one sid per session")
                .isEqualTo(sid);
        JWTClaimsSet id = SignedJWT.parse(idToken1).getJWTClaimsSet();
        assertThat(id.getDateClaim("auth_time")).isNotNull().isBeforeOrEqualTo(id.getIssueTime());

        Response logout = browser.browse("/connect/logout?id_token_hint=" + idToken1);

        assertThat(logout.status()).as(logout.body()).isBetween(200, 303);
        LogoutReceiver.Delivery delivery1 = this.rp1.next(WAIT);
        LogoutReceiver.Delivery delivery2 = this.rp2.next(WAIT);
        assertThat(delivery1.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(delivery1.body()).startsWith("logout_token=");
        this.support.assertLogoutToken(delivery1.logoutToken(), client1, user, sid);
        this.support.assertLogoutToken(delivery2.logoutToken(), client2, user, sid);
        assertThat(this.rp1.quietFor(Duration.ofSeconds(1)))
                .as("one token per client")
                .isTrue();
        assertThat(queued(user)).isZero();
        assertThat(auditTypes(user)).contains("logout.delivered");
    }

    @Test
    void adminSignOutWhenUserHasTwoSessionsThenOneLogoutTokenPerSession() {
        String client1 = this.support.registerClient(this.rp1.uri());
        String user = "bcl-admin-" + OAuthTestClient.randomToken().substring(0, 6);
        this.support.createUser(user, "admin-logout-password-1");
        String laptop = BackchannelTestSupport.sidOf(
                BackchannelTestSupport.signIn(client(), client1, user, "admin-logout-password-1"));
        String phone = BackchannelTestSupport.sidOf(
                BackchannelTestSupport.signIn(client(), client1, user, "admin-logout-password-1"));
        assertThat(laptop).isNotEqualTo(phone);

        Response signOut = this.support.adminPost("/admin/users/" + user + "/logout");

        assertThat(signOut.status()).as(signOut.body()).isEqualTo(200);
        String first = this.rp1.next(WAIT).logoutToken();
        String second = this.rp1.next(WAIT).logoutToken();
        Set<String> sids = Set.of(
                this.support
                        .assertLogoutToken(first, client1, user, sidOf(first))
                        .getClaim("sid")
                        .toString(),
                this.support
                        .assertLogoutToken(second, client1, user, sidOf(second))
                        .getClaim("sid")
                        .toString());
        assertThat(sids).containsExactlyInAnyOrder(laptop, phone);
    }

    @Test
    void userDisabledOrDeletedThroughScimThenTheirSessionsClientsGetLogoutTokens() {
        String client1 = this.support.registerClient(this.rp1.uri());
        String disabled = "bcl-off-" + OAuthTestClient.randomToken().substring(0, 6);
        String deleted = "bcl-gone-" + OAuthTestClient.randomToken().substring(0, 6);
        String disabledId = this.support.createUser(disabled, "disabled-password-1");
        String deletedId = this.support.createUser(deleted, "deleted-password-1");
        String disabledSid = BackchannelTestSupport.sidOf(
                BackchannelTestSupport.signIn(client(), client1, disabled, "disabled-password-1"));
        String deletedSid = BackchannelTestSupport.sidOf(
                BackchannelTestSupport.signIn(client(), client1, deleted, "deleted-password-1"));

        Response patch = this.support.scim(
                "PATCH",
                "/scim/v2/Users/" + disabledId,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        assertThat(patch.status()).as(patch.body()).isEqualTo(200);
        this.support.assertLogoutToken(this.rp1.next(WAIT).logoutToken(), client1, disabled, disabledSid);

        Response delete = this.support.scim("DELETE", "/scim/v2/Users/" + deletedId, null);
        assertThat(delete.status()).as(delete.body()).isEqualTo(204);
        this.support.assertLogoutToken(this.rp1.next(WAIT).logoutToken(), client1, deleted, deletedSid);
    }

    @Test
    void signOutAtTheIdpThenTheSessionsClientsGetLogoutTokens() {
        String client1 = this.support.registerClient(this.rp1.uri());
        String user = "bcl-self-" + OAuthTestClient.randomToken().substring(0, 6);
        this.support.createUser(user, "self-logout-password-1");
        OAuthTestClient browser = client();
        String sid = BackchannelTestSupport.sidOf(
                BackchannelTestSupport.signIn(browser, client1, user, "self-logout-password-1"));
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(browser.browse("/").body());
        assertThat(csrf.find()).as("the home page's sign-out form").isTrue();

        Response logout = browser.postForm("/logout", Map.of("_csrf", csrf.group(1)));

        assertThat(logout.location()).endsWith("/login?logout");
        this.support.assertLogoutToken(this.rp1.next(WAIT).logoutToken(), client1, user, sid);
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoveryWhenFetchedThenAdvertisesBackchannelLogoutWithSessions() {
        Map<String, Object> metadata =
                client().get("/.well-known/openid-configuration").json();

        assertThat(metadata)
                .containsEntry("backchannel_logout_supported", true)
                .containsEntry("backchannel_logout_session_supported", true);
        assertThat((List<Object>) metadata.get("claims_supported")).contains("sid", "auth_time");
    }

    private long queued(String user) {
        Long n = this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM phoenix_logout_delivery WHERE subject = ?", Long.class, user);
        return (n != null) ? n : 0;
    }

    private List<String> auditTypes(String user) {
        this.audit.flush();
        return this.jdbc.queryForList(
                "SELECT event_type FROM phoenix_audit_event WHERE username = ? ORDER BY id", String.class, user);
    }

    private static String sidOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException ex) {
            throw new AssertionError(ex);
        }
    }
}
