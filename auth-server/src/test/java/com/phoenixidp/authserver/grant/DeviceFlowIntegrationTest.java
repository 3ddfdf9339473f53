package com.phoenixidp.authserver.grant;

import static com.phoenixidp.authserver.grant.GrantTestSupport.deviceAuthorization;
import static com.phoenixidp.authserver.grant.GrantTestSupport.follow;
import static com.phoenixidp.authserver.grant.GrantTestSupport.poll;
import static com.phoenixidp.authserver.grant.GrantTestSupport.submitForm;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.DPoPKey;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The device authorization grant (RFC 8628) over HTTP: a public device client starts it, polls
 * (pending, too fast), a user signs in on the verification page, enters the code and consents,
 * and the device receives tokens; denial and expiry answer the device with the RFC's errors.
 */
class DeviceFlowIntegrationTest extends AuthServerIntegrationTest {

    private static final String DEVICE_APP = "device-app";

    @Test
    void deviceFlowWhenUserApprovesThenPendingSlowDownAndTokens() {
        OAuthTestClient device = client();
        Response authorization = deviceAuthorization(device, DEVICE_APP, "profile api.read");
        assertThat(authorization.status()).as(authorization.body()).isEqualTo(200);
        Map<String, Object> codes = authorization.json();
        assertThat(codes)
                .containsKeys("device_code", "user_code", "expires_in")
                .containsEntry("verification_uri", issuer() + "/device")
                .containsEntry("interval", 5);
        String deviceCode = (String) codes.get("device_code");
        String userCode = (String) codes.get("user_code");
        assertThat((String) codes.get("verification_uri_complete")).startsWith(issuer() + "/device?user_code=");

        Response pending = poll(device, DEVICE_APP, deviceCode);
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.json()).containsEntry("error", "authorization_pending");
        Response tooFast = poll(device, DEVICE_APP, deviceCode);
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.json()).containsEntry("error", "slow_down");

        OAuthTestClient browser = client();
        Response toLogin = browser.browse((String) codes.get("verification_uri_complete"));
        assertThat(toLogin.location()).endsWith("/login");
        assertThat(OAuthTestClient.loginSucceeded(browser.login("gina", "gina-password-12")))
                .isTrue();
        Response page = follow(browser, browser.browse((String) codes.get("verification_uri_complete")));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"user-code\"").contains("value=\"" + userCode + "\"");

        Response consent = follow(browser, submitForm(browser, page.body(), "device-form"));
        assertThat(consent.body()).contains("id=\"consent-form\"").contains(userCode);
        Response done = follow(browser, submitForm(browser, consent.body(), "consent-form"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"device-success\"");

        Response tokens = poll(device, DEVICE_APP, deviceCode);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json())
                .containsKey("access_token")
                .containsEntry("token_type", "Bearer")
                .as("a public client gets a refresh token only bound to a DPoP key")
                .doesNotContainKey("refresh_token");
        JWTClaimsSet access =
                OAuthTestClient.verifiedClaims((String) tokens.json().get("access_token"), device.jwks());
        assertThat(access.getSubject()).isEqualTo("gina");
        assertThat(access.getClaim("client_id")).isEqualTo(DEVICE_APP);
        Response replay = poll(device, DEVICE_APP, deviceCode);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json()).doesNotContainKey("access_token");
    }

    @Test
    void deviceFlowWhenOpenIdRequestedThenUserConsentsAndDeviceGetsVerifiableIdTokenOfTheUser() {
        OAuthTestClient device = client();
        Response authorization = deviceAuthorization(device, DEVICE_APP, "openid profile");
        assertThat(authorization.status()).as(authorization.body()).isEqualTo(200);
        Map<String, Object> codes = authorization.json();
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login("gina", "gina-password-12")))
                .isTrue();
        Response page = follow(browser, browser.browse((String) codes.get("verification_uri_complete")));
        Response consent = follow(browser, submitForm(browser, page.body(), "device-form"));
        assertThat(consent.body())
                .contains("id=\"consent-form\"")
                .contains("name=\"scope\" value=\"openid\"")
                .contains("value=\"profile\"");
        Response done = follow(browser, submitForm(browser, consent.body(), "consent-form"));
        assertThat(done.body()).contains("id=\"device-success\"");

        Response tokens = pollUntilNotSlowDown(device, (String) codes.get("device_code"));

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json()).containsKeys("access_token", "id_token");
        JWTClaimsSet id = OAuthTestClient.verifiedClaims((String) tokens.json().get("id_token"), device.jwks());
        assertThat(id.getSubject()).isEqualTo("gina");
        assertThat(id.getIssuer()).isEqualTo(issuer());
        assertThat(id.getAudience()).containsExactly(DEVICE_APP);
        assertThat(id.getClaim("azp")).isEqualTo(DEVICE_APP);
        assertThat(id.getClaim("preferred_username")).isEqualTo("gina");
        assertThat(id.getExpirationTime()).isInTheFuture();
        Response userinfo = device.get(
                "/userinfo", "Authorization", "Bearer " + tokens.json().get("access_token"));
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json()).containsEntry("sub", "gina");
    }

    @Test
    void deviceAuthorizationWhenOpenIdNotRegisteredForClientThenInvalidScope() {
        Response response = deviceAuthorization(client(), "device-short", "openid api.read");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", "invalid_scope");
    }

    /** The first poll after approval; a poll within the interval answers slow_down, so wait one out. */
    private static Response pollUntilNotSlowDown(OAuthTestClient device, String deviceCode) {
        Response response = poll(device, DEVICE_APP, deviceCode);
        if (response.status() == 400 && "slow_down".equals(response.json().get("error"))) {
            try {
                Thread.sleep(5_500);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            response = poll(device, DEVICE_APP, deviceCode);
        }
        return response;
    }

    @Test
    void deviceFlowWhenDevicePollsWithDPoPThenRefreshTokenBoundToItsKey() {
        OAuthTestClient device = client();
        Map<String, Object> codes =
                deviceAuthorization(device, "dpop-device", "api.read").json();
        approve((String) codes.get("verification_uri_complete"));
        DPoPKey key = DPoPKey.generate();

        Response tokens = device.postFormWithHeaders(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        GrantTestSupport.DEVICE_CODE_GRANT,
                        "device_code",
                        (String) codes.get("device_code"),
                        "client_id",
                        "dpop-device"),
                "DPoP",
                key.proof("POST", issuer() + "/oauth2/token"));

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json()).containsEntry("token_type", "DPoP").containsKey("refresh_token");
        Map<String, String> refresh = Map.of(
                "grant_type", "refresh_token",
                "refresh_token", (String) tokens.json().get("refresh_token"),
                "client_id", "dpop-device");
        Response withoutProof = device.postForm("/oauth2/token", refresh);
        assertThat(withoutProof.status()).isEqualTo(400);
        assertThat(withoutProof.json()).containsEntry("error", "invalid_dpop_proof");
        Response refreshed = device.postFormWithHeaders(
                "/oauth2/token", refresh, "DPoP", key.proof("POST", issuer() + "/oauth2/token"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json()).containsEntry("token_type", "DPoP");
    }

    @Test
    void deviceFlowWhenUserTypesCodeAndDeniesThenAccessDenied() {
        OAuthTestClient device = client();
        Map<String, Object> codes =
                deviceAuthorization(device, DEVICE_APP, "api.read").json();
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login("bob", "bob-password-12")))
                .isTrue();
        Response page = browser.browse("/device");
        assertThat(page.status()).isEqualTo(200);
        String typed = page.body()
                .replace(
                        "id=\"user-code\" name=\"user_code\" value=\"\"",
                        "id=\"user-code\" name=\"user_code\" value=\"" + codes.get("user_code") + "\"");
        assertThat(typed).isNotEqualTo(page.body());

        Response consent = follow(browser, submitForm(browser, typed, "device-form"));
        Response denied = follow(browser, submitForm(browser, consent.body(), "consent-deny-form"));

        assertThat(denied.body()).contains("id=\"device-error\"").contains("data-error=\"access_denied\"");
        Response poll = poll(device, DEVICE_APP, (String) codes.get("device_code"));
        assertThat(poll.status()).isEqualTo(400);
        assertThat(poll.json()).containsEntry("error", "access_denied");
    }

    /** Gina signs in, confirms the code on the verification page and approves the device. */
    private void approve(String verificationUriComplete) {
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login("gina", "gina-password-12")))
                .isTrue();
        Response page = follow(browser, browser.browse(verificationUriComplete));
        Response done = follow(browser, submitForm(browser, page.body(), "device-form"));
        if (done.body().contains("id=\"consent-form\"")) {
            done = follow(browser, submitForm(browser, done.body(), "consent-form"));
        }
        assertThat(done.body()).contains("id=\"device-success\"");
    }

    @Test
    void deviceFlowWhenCodeExpiredThenExpiredToken() throws InterruptedException {
        OAuthTestClient device = client();
        Map<String, Object> codes =
                deviceAuthorization(device, "device-short", "api.read").json();
        assertThat(codes).containsEntry("expires_in", 2);

        Thread.sleep(2_200);

        Response poll = poll(device, "device-short", (String) codes.get("device_code"));
        assertThat(poll.status()).isEqualTo(400);
        assertThat(poll.json()).containsEntry("error", "expired_token");
    }

    @Test
    void deviceAuthorizationWhenClientNotRegisteredForDeviceThenRefused() {
        Response response = deviceAuthorization(client(), "spa", "profile");

        // refused; the error code is SAS's PublicClientAuthenticationProvider's (see report), not a device code
        assertThat(response.status()).as(response.body()).isIn(400, 401);
        assertThat(response.json()).containsKey("error").doesNotContainKey("device_code");
    }

    @Test
    void devicePageWhenWrongCodeThenErrorShown() {
        OAuthTestClient browser = client();
        browser.login("gina", "gina-password-12");
        Response page = browser.browse("/device?user_code=BCDF-GHJK");

        Response result = follow(browser, submitForm(browser, page.body(), "device-form"));

        assertThat(result.body()).contains("data-error=\"invalid_grant\"");
    }
}
