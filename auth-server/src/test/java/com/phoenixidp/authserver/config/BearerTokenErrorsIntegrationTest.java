package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import org.junit.jupiter.api.Test;

/** Bearer token failures at userinfo carry {@code WWW-Authenticate: Bearer} (RFC 6750 section 3). */
class BearerTokenErrorsIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void userinfoWhenNoTokenThenUnauthorizedWithBearerChallenge() {
        Response response = client().get("/userinfo");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void userinfoWhenGarbageTokenThenUnauthorizedInvalidToken() {
        Response response = client().get("/userinfo", "Authorization", "Bearer not-a.real-token.at-all");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer").contains("error=\"invalid_token\""));
    }

    @Test
    void userinfoWhenClientCredentialsTokenWithoutOpenidThenRefused() {
        String token = (String) client().clientCredentialsBasic(
                        com.phoenixidp.authserver.TestData.SERVICE,
                        com.phoenixidp.authserver.TestData.SERVICE_SECRET,
                        "api.read")
                .json()
                .get("access_token");

        Response response = client().get("/userinfo", "Authorization", "Bearer " + token);

        assertThat(response.status()).isBetween(400, 403);
        assertThat(response.body()).doesNotContain("Exception");
    }
}
