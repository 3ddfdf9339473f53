package com.phoenixidp.authserver.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a mail server (no {@code spring.mail.host}, as in the shared test application) no reset is offered. */
class PasswordResetNotOfferedIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void loginPageWhenNoMailServerThenNoForgotPasswordLinkAndNoRequestForm() {
        OAuthTestClient browser = client();

        Response login = browser.browse("/login");
        Response form = browser.browse("/forgot-password");
        Map<String, String> csrf = OAuthTestClient.formInputs(login.body(), "login-form");
        Response post =
                browser.postForm("/forgot-password", Map.of("_csrf", csrf.get("_csrf"), "email", "alice@example.com"));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"login-form\"").doesNotContain("forgot-password");
        assertThat(form.status()).isEqualTo(404);
        assertThat(post.status()).isEqualTo(404);
        assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM phoenix_password_reset", Integer.class))
                .isZero();
    }

    @Test
    void resetPageWhenUnknownTokenThenLinkInvalidAndNoForm() {
        Response page = client().browse("/reset-password?token=" + "A".repeat(43));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"reset-invalid\"").doesNotContain("id=\"reset-form\"");
        assertThat(page.header("Referrer-Policy")).contains("no-referrer");
    }
}
