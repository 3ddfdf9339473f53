package com.phoenixidp.authserver.grant;

import static com.phoenixidp.authserver.TestData.SPA;
import static com.phoenixidp.authserver.TestData.SPA_REDIRECT;
import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 9207: every authorization response names this server in {@code iss} (the issuer exactly as
 * in the metadata), success and error, in the query (code) or the fragment (implicit), and both
 * metadata documents say so ({@code authorization_response_iss_parameter_supported}).
 */
class AuthorizationResponseIssuerIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void authorizeWhenCodeIssuedThenIssInTheQuery() {
        AuthorizationResult result = client().authorize(
                        new AuthorizationRequest(WEB, WEB_REDIRECT, "openid profile").pkce(OAuthTestClient.pkce()),
                        "lars",
                        "lars-password-12");

        assertThat(result.params()).containsKey("code").containsEntry("iss", issuer());
    }

    @Test
    void authorizeWhenErrorSentToClientThenIssInTheQuery() {
        AuthorizationRequest request =
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid no-such-scope").pkce(OAuthTestClient.pkce());

        AuthorizationResult result = client().authorize(request, "lars", "lars-password-12");

        assertThat(result.params())
                .containsEntry("error", "invalid_scope")
                .containsEntry("state", request.state())
                .containsEntry("iss", issuer());
    }

    @Test
    void implicitWhenTokenOrErrorInFragmentThenIssThereToo() {
        OAuthTestClient browser = client();
        AuthorizationResult token = browser.authorize(
                new AuthorizationRequest("implicit-app", "http://localhost:8082/implicit", "api.read")
                        .param("response_type", "token"),
                "lars",
                "lars-password-12");
        AuthorizationResult error = browser.authorize(
                new AuthorizationRequest(SPA, SPA_REDIRECT, "profile").param("response_type", "token"),
                "lars",
                "lars-password-12");

        assertThat(GrantTestSupport.fragmentParams(token.location()))
                .containsKey("access_token")
                .containsEntry("iss", issuer());
        assertThat(GrantTestSupport.fragmentParams(error.location()))
                .containsEntry("error", "unauthorized_client")
                .containsEntry("iss", issuer());
    }

    @Test
    void metadataWhenFetchedThenIssParameterSupported() {
        for (String path :
                new String[] {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
            Map<String, Object> metadata = client().get(path).json();
            assertThat(metadata).as(path).containsEntry("authorization_response_iss_parameter_supported", true);
        }
    }
}
