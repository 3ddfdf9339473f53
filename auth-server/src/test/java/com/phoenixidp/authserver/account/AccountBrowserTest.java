package com.phoenixidp.authserver.account;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.ChromeBrowser;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Consent;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.audit.AuditLog;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The account page's self-service in a real browser: changing the password (wrong current and
 * common passwords refused; afterwards the old one fails, other sessions and refresh tokens are
 * gone, this session stays), signing out the other sessions, and taking back an app's access
 * (its refresh token fails, it must ask for consent again). Each test has its own user.
 */
class AccountBrowserTest extends AuthServerIntegrationTest {

    @Autowired
    private AuditLog audit;

    private ChromeBrowser browser;

    @BeforeEach
    void startBrowser() {
        this.browser = ChromeBrowser.start(baseUrl());
    }

    @AfterEach
    void stopBrowser() {
        if (this.browser != null) {
            this.browser.close();
        }
    }

    @Test
    void changePasswordWhenWrongCurrentOrCommonThenRefusedAndWhenValidThenOldFailsAndOtherSessionsAndTokensEnd() {
        String user = "acct-user";
        String oldPassword = "acct-user-password-1";
        String newPassword = "a new passphrase for acct-user";
        OAuthTestClient otherDevice = client();
        String refreshToken = signInAtWebApp(otherDevice, user, oldPassword);
        assertThat(otherDevice.browse("/account").status()).isEqualTo(200);
        openAccount(user, oldPassword);

        submitPasswordChange("not-my-password-at-all", newPassword);
        this.browser.waitForText("password-error", "Current password: is not correct");
        waitOutLoginBackoff(1);

        submitPasswordChange(oldPassword, "Sunshine1");
        this.browser.waitForText("password-error", "New password: is too common");

        submitPasswordChange(oldPassword, oldPassword);
        this.browser.waitForText("password-error", "must differ from the current password");

        submitPasswordChange(oldPassword, newPassword);
        this.browser.waitForText("password-changed", "Your password has been changed");

        assertThat(this.browser.element("account-user").getText())
                .as("this session stays signed in")
                .isEqualTo(user);
        assertThat(sessionItems()).hasSize(1);
        Response otherAccount = otherDevice.browse("/account");
        assertThat(otherAccount.status()).as("the other session ended").isEqualTo(302);
        assertThat(otherAccount.location()).endsWith("/login");
        Response refreshed = otherDevice.refreshBasic(WEB, WEB_SECRET, refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(400);
        assertThat(refreshed.json()).containsEntry("error", "invalid_grant");
        assertThat(OAuthTestClient.loginSucceeded(client().login(user, oldPassword)))
                .as("the old password is refused")
                .isFalse();
        waitOutLoginBackoff(1);
        assertThat(OAuthTestClient.loginSucceeded(client().login(user, newPassword)))
                .isTrue();
        assertThat(auditTypes(user))
                .contains("user.password_change_failed", "user.password_changed")
                .doesNotContain("user.password_set");
    }

    @Test
    void logoutOtherSessionsWhenAnotherDeviceSignedInThenListedAndEndedAndThisSessionStays() {
        String user = "acct-sessions";
        String password = "acct-sessions-password-1";
        OAuthTestClient otherDevice = client();
        assertThat(OAuthTestClient.loginSucceeded(otherDevice.login(user, password)))
                .isTrue();
        assertThat(otherDevice.browse("/account").status()).isEqualTo(200);
        openAccount(user, password);

        List<WebElement> sessions = sessionItems();
        assertThat(sessions).hasSize(2);
        // both came from this machine (the browser over IPv6, the HTTP client over IPv4, or either way)
        assertThat(sessions.get(0).getText())
                .contains("(this session)", "Chrome (headless) on Linux", "last seen")
                .containsAnyOf("127.0.0.1", "::1");
        assertThat(sessions.get(1).getText())
                .contains("Java-http-client", "last seen")
                .containsAnyOf("127.0.0.1", "::1")
                .doesNotContain("(this session)");

        this.browser.click("logout-other-sessions");

        this.browser.waitForText("sessions-ended", "1 other session was signed out");
        assertThat(sessionItems()).hasSize(1);
        assertThat(sessionItems().get(0).getText()).contains("(this session)");
        Response otherAccount = otherDevice.browse("/account");
        assertThat(otherAccount.status()).isEqualTo(302);
        assertThat(otherAccount.location()).endsWith("/login");
        this.browser.open("/account");
        assertThat(this.browser.element("account-user").getText()).isEqualTo(user);
        assertThat(auditTypes(user)).contains("session.logout_others");
    }

    @Test
    void revokeAppWhenConsentedThenListedWithScopesAndRevokedItsRefreshTokenFailsAndConsentIsAskedAgain() {
        String user = "acct-apps";
        String password = "acct-apps-password-1";
        OAuthTestClient app = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = app.authorize(
                new AuthorizationRequest(CONSENT_APP, CONSENT_APP_REDIRECT, "openid profile api.read").pkce(pkce),
                user,
                password,
                Consent.APPROVE);
        Response tokens = app.exchangeCodeBasic(
                CONSENT_APP, CONSENT_APP_SECRET, result.code(), CONSENT_APP_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String refreshToken = (String) tokens.json().get("refresh_token");
        openAccount(user, password);

        List<WebElement> apps = this.browser.driver.findElements(By.cssSelector("#apps > li"));
        assertThat(apps).hasSize(1);
        assertThat(apps.get(0).getAttribute("data-client-id")).isEqualTo(CONSENT_APP);
        assertThat(apps.get(0).findElement(By.className("app-scopes")).getText().split(" "))
                .containsExactlyInAnyOrder("openid", "profile", "api.read");

        this.browser.click("revoke-app-" + CONSENT_APP);

        this.browser.waitForText("app-revoked", "Access taken back from " + CONSENT_APP);
        this.browser.element("no-apps");
        assertThat(this.browser.driver.findElements(By.cssSelector("#apps > li")))
                .isEmpty();
        Response refreshed = app.refreshBasic(CONSENT_APP, CONSENT_APP_SECRET, refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(400);
        assertThat(refreshed.json()).containsEntry("error", "invalid_grant");
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM oauth2_authorization_consent WHERE principal_name = ?",
                        Integer.class,
                        user))
                .isZero();
        AuthorizationResult again = app.authorize(
                new AuthorizationRequest(CONSENT_APP, CONSENT_APP_REDIRECT, "openid profile")
                        .pkce(OAuthTestClient.pkce()),
                user,
                password,
                Consent.APPROVE);
        assertThat(again.code()).isNotBlank();
        assertThat(app.consentPages()).as("consent is asked again").hasSize(2);
        assertThat(auditTypes(user)).contains("consent.revoked");
    }

    @Test
    void accountActionsWhenOnlyPasswordOfSecondFactorUserThenSentToLoginAndNothingChanges() {
        String user = "acct-mfa";
        String password = "acct-mfa-password-1";
        OAuthTestClient pending = client();
        Response login = pending.login(user, password);
        assertThat(login.location()).as("password verified, passkey pending").contains("/account");
        Response page = pending.browse("/account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"password-form\"", "id=\"sessions\"", "id=\"apps\"");
        String csrf = csrfToken(page.body());

        Response change = pending.postForm(
                "/account/password",
                java.util.Map.of(
                        "_csrf", csrf, "current-password", password, "new-password", "a new passphrase for acct-mfa"));
        Response others = pending.postForm("/account/sessions/logout-others", java.util.Map.of("_csrf", csrf));

        assertThat(change.status()).isEqualTo(302);
        assertThat(change.location()).endsWith("/login");
        assertThat(others.status()).isEqualTo(302);
        assertThat(others.location()).endsWith("/login");
        assertThat(auditTypes(user)).doesNotContain("user.password_changed", "session.logout_others");
    }

    /** Signs in at the {@code web} client (no consent) and returns the refresh token it got. */
    private String signInAtWebApp(OAuthTestClient device, String user, String password) {
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result =
                device.authorize(new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), user, password);
        Response tokens = device.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return (String) tokens.json().get("refresh_token");
    }

    private void openAccount(String user, String password) {
        this.browser.open("/login");
        this.browser.passwordLogin(user, password);
        this.browser.waitForPath("/");
        this.browser.open("/account");
        try {
            assertThat(this.browser.element("account-user").getText()).isEqualTo(user);
        } catch (org.openqa.selenium.TimeoutException ex) {
            // say where the browser is instead (sent to /login? an error page?)
            throw new AssertionError(
                    "no account page at " + this.browser.currentUrl() + ": "
                            + this.browser
                                    .driver
                                    .findElement(By.tagName("body"))
                                    .getText(),
                    ex);
        }
    }

    private void submitPasswordChange(String current, String next) {
        this.browser.element("current-password").clear();
        this.browser.element("current-password").sendKeys(current);
        this.browser.element("new-password").clear();
        this.browser.element("new-password").sendKeys(next);
        this.browser.click("change-password");
    }

    private List<WebElement> sessionItems() {
        return this.browser.driver.findElements(By.cssSelector("#sessions > li"));
    }

    private List<String> auditTypes(String user) {
        this.audit.flush();
        return this.jdbc.queryForList(
                "SELECT event_type FROM phoenix_audit_event WHERE username = ? ORDER BY id", String.class, user);
    }

    private static String csrfToken(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(html);
        assertThat(m.find()).as("a CSRF meta tag").isTrue();
        return m.group(1);
    }
}
