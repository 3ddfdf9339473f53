package com.phoenixidp.authserver.registration;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the registration endpoints refuse: requests without a valid initial access token
 * (RFC 7591 3, RFC 6750 3.1), RFC 7592 requests without the client's registration access token,
 * and invalid metadata (RFC 7591 3.2.2), never with a 500.
 */
class ClientRegistrationErrorsIntegrationTest extends AuthServerIntegrationTest {

    private static final Map<String, Object> VALID =
            Map.of("redirect_uris", List.of("https://app.example.com/cb"), "scope", "openid");

    private final RegistrationTestSupport registration = new RegistrationTestSupport(client());

    @Test
    void registerWhenNoInitialAccessTokenThenUnauthorizedWithBearerChallenge() {
        Response response = this.registration.register(null, VALID);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void registerWhenTokenWithoutClientCreateScopeThenForbiddenInsufficientScope() {
        String apiToken = (String) client().clientCredentialsBasic(REGISTRAR, REGISTRAR_SECRET, "api.read")
                .json()
                .get("access_token");

        Response response = this.registration.register(apiToken, VALID);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).containsEntry("error", "insufficient_scope");
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying((h) -> assertThat(h).contains("error=\"insufficient_scope\""));
    }

    @Test
    void registerWhenInitialAccessTokenRevokedOrGarbageThenUnauthorizedInvalidToken() {
        String token = this.registration.initialAccessToken();
        assertThat(client().revoke(REGISTRAR, REGISTRAR_SECRET, token, "access_token")
                        .status())
                .isEqualTo(200);

        Response revoked = this.registration.register(token, VALID);
        Response garbage = this.registration.register("not-a.jwt-at.all", VALID);

        for (Response response : List.of(revoked, garbage)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate"))
                    .hasValueSatisfying((h) -> assertThat(h).contains("invalid_token"));
        }
    }

    @Test
    void manageWhenRegistrationTokenWrongMissingOrOfAnotherClientThenUnauthorizedInvalidToken() {
        Map<String, Object> first = this.registration.registered(VALID);
        Map<String, Object> second = this.registration.registered(VALID);
        String firstToken = (String) first.get("registration_access_token");
        OAuthTestClient http = client();
        String uri = (String) first.get("registration_client_uri");

        List<Response> refused = List.of(
                this.registration.read(first, firstToken + "x"),
                this.registration.read(second, firstToken),
                this.registration.read(first, this.registration.initialAccessToken()),
                http.get(uri),
                this.registration.delete(second, firstToken),
                this.registration.update(second, firstToken, Map.of("client_id", second.get("client_id"))),
                http.get(issuer() + "/connect/register/no-such-client", "Authorization", "Bearer " + firstToken));

        for (Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.json()).containsEntry("error", "invalid_token");
            assertThat(response.header("WWW-Authenticate"))
                    .hasValueSatisfying((h) -> assertThat(h).startsWith("Bearer"));
        }
        assertThat(this.registration
                        .read(second, (String) second.get("registration_access_token"))
                        .status())
                .as("the second client is untouched")
                .isEqualTo(200);
    }

    static Stream<Arguments> invalidMetadata() {
        return Stream.of(
                Arguments.of(
                        "fragment in redirect URI",
                        with("redirect_uris", List.of("https://app.example.com/cb#x")),
                        "invalid_redirect_uri"),
                Arguments.of(
                        "http redirect URI on a public host",
                        with("redirect_uris", List.of("http://app.example.com/cb")),
                        "invalid_redirect_uri"),
                Arguments.of(
                        "code grant without redirect URI", with("redirect_uris", List.of()), "invalid_redirect_uri"),
                Arguments.of(
                        "redirect_uris not an array",
                        with("redirect_uris", "https://app.example.com/cb"),
                        "invalid_redirect_uri"),
                Arguments.of("password grant", with("grant_types", List.of("password")), "invalid_client_metadata"),
                Arguments.of("implicit grant", with("grant_types", List.of("implicit")), "invalid_client_metadata"),
                Arguments.of(
                        "token response type",
                        with("response_types", List.of("code", "token")),
                        "invalid_client_metadata"),
                Arguments.of(
                        "unknown auth method",
                        with("token_endpoint_auth_method", "client_secret_jwt"),
                        "invalid_client_metadata"),
                Arguments.of(
                        "tls_client_auth without subject DN",
                        with("token_endpoint_auth_method", "tls_client_auth"),
                        "invalid_client_metadata"),
                Arguments.of(
                        "private_key_jwt without keys",
                        with("token_endpoint_auth_method", "private_key_jwt"),
                        "invalid_client_metadata"),
                Arguments.of(
                        "public client with client credentials",
                        with("grant_types", List.of("client_credentials"), "token_endpoint_auth_method", "none"),
                        "invalid_client_metadata"),
                Arguments.of("scope not allowed", with("scope", "openid phoenix.admin"), "invalid_client_metadata"),
                Arguments.of(
                        "back-channel logout over http",
                        with("backchannel_logout_uri", "http://app.example.com/bc"),
                        "invalid_client_metadata"),
                Arguments.of("client_name not a string", with("client_name", 42), "invalid_client_metadata"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMetadata")
    void registerWhenInvalidMetadataThenBadRequestWithRfc7591Error(
            String why, Map<String, Object> metadata, String error) {
        Response response = this.registration.register(this.registration.initialAccessToken(), metadata);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json()).containsEntry("error", error).containsKey("error_description");
    }

    @Test
    void registerWhenBodyIsNotAJsonObjectThenBadRequestInvalidClientMetadata() {
        String token = this.registration.initialAccessToken();

        for (String body : List.of("{\"redirect_uris\": [", "[1, 2]", "", "null", "\"text\"")) {
            Response response = this.registration.register(token, body);

            assertThat(response.status())
                    .as("body %s: %s", body, response.body())
                    .isEqualTo(400);
            assertThat(response.json()).containsEntry("error", "invalid_client_metadata");
            assertThat(response.body()).doesNotContain("Exception", "at com.");
        }
    }

    private static Map<String, Object> with(Object... keyValues) {
        Map<String, Object> metadata = new LinkedHashMap<>(VALID);
        for (int i = 0; i < keyValues.length; i += 2) {
            metadata.put((String) keyValues[i], keyValues[i + 1]);
        }
        return metadata;
    }
}
