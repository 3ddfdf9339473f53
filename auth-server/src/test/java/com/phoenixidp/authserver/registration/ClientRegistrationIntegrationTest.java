package com.phoenixidp.authserver.registration;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RFC 7591 / RFC 7592 life cycle over HTTP: register confidential and public clients with an
 * initial access token, use them at once, read, replace and delete them with their registration
 * access token.
 */
class ClientRegistrationIntegrationTest extends AuthServerIntegrationTest {

    private final RegistrationTestSupport registration = new RegistrationTestSupport(client());

    @Test
    void registerWhenConfidentialClientThenCredentialsReturnedOnceStoredAsHashesAndTokenWorksAtOnce() {
        Response response = this.registration.register(
                this.registration.initialAccessToken(),
                Map.of(
                        "client_name", "Billing service",
                        "grant_types", List.of("client_credentials"),
                        "token_endpoint_auth_method", "client_secret_basic",
                        "scope", "api.read api.write",
                        "software_statement_unknown_to_us", "ignored (RFC 7591 2)"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Cache-Control"))
                .hasValueSatisfying((v) -> assertThat(v).contains("no-store"));
        Map<String, Object> body = response.json();
        String clientId = (String) body.get("client_id");
        String secret = (String) body.get("client_secret");
        String registrationToken = (String) body.get("registration_access_token");
        assertThat(body)
                .containsEntry("client_name", "Billing service")
                .containsEntry("grant_types", List.of("client_credentials"))
                .containsEntry("response_types", List.of())
                .containsEntry("token_endpoint_auth_method", "client_secret_basic")
                .containsEntry("scope", "api.read api.write")
                .containsEntry("client_secret_expires_at", 0)
                .containsEntry("registration_client_uri", issuer() + "/connect/register/" + clientId)
                .containsKey("client_id_issued_at")
                .doesNotContainKey("software_statement_unknown_to_us");
        assertThat(secret).hasSize(43); // 256 bits, base64url
        assertThat(registrationToken).hasSizeGreaterThanOrEqualTo(43);
        assertThat(this.jdbc.queryForObject(
                        "SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?",
                        String.class,
                        clientId))
                .startsWith("{hmac-sha256}")
                .doesNotContain(secret);
        assertThat(this.jdbc.queryForObject(
                        "SELECT token_hash FROM phoenix_client_registration WHERE client_id = ?",
                        String.class,
                        clientId))
                .startsWith("sha256:")
                .doesNotContain(registrationToken);

        Response token = client().clientCredentialsBasic(clientId, secret, "api.write");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json()).containsEntry("scope", "api.write");
    }

    @Test
    void registerWhenPublicCodeClientThenNoSecretAndAuthorizationCodeFlowWithPkceAndConsentWorks() {
        String redirect = "http://localhost:8083/registered/cb";
        Map<String, Object> body = this.registration.registered(Map.of(
                "client_name", "Registered SPA",
                "redirect_uris", List.of(redirect),
                "token_endpoint_auth_method", "none",
                "scope", "openid profile"));
        String clientId = (String) body.get("client_id");

        assertThat(body)
                .doesNotContainKeys("client_secret", "client_secret_expires_at")
                .containsEntry("grant_types", List.of("authorization_code"))
                .containsEntry("response_types", List.of("code"))
                .containsEntry("redirect_uris", List.of(redirect));
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(clientId, redirect, "openid profile").pkce(pkce), ALICE, ALICE_PASSWORD);
        assertThat(browser.consentPages())
                .as("a registered client always asks for consent")
                .hasSize(1);
        assertThat(result.code()).as(String.valueOf(result.lastResponse())).isNotNull();
        Response tokens = browser.exchangeCodePublic(clientId, result.code(), redirect, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json()).containsKeys("access_token", "id_token");
        AuthorizationResult withoutPkce =
                client().authorize(new AuthorizationRequest(clientId, redirect, "openid"), ALICE, ALICE_PASSWORD);
        assertThat(withoutPkce.error()).as("PKCE is required").isEqualTo("invalid_request");
    }

    @Test
    void registerWhenProtocolMetadataThenStoredAndReturnedByTheirRfcNames() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("client_name", "DPoP service");
        metadata.put("grant_types", List.of("client_credentials"));
        metadata.put("scope", "api.read");
        metadata.put("resource_uris", List.of("https://orders.example.com/"));
        metadata.put("dpop_bound_access_tokens", true);
        metadata.put("access_token_signed_response_alg", "ES256");
        metadata.put("id_token_signed_response_alg", "EdDSA");

        Map<String, Object> body = this.registration.registered(metadata);

        assertThat(body)
                .containsEntry("resource_uris", List.of("https://orders.example.com/"))
                .containsEntry("dpop_bound_access_tokens", true)
                .containsEntry("access_token_signed_response_alg", "ES256")
                .containsEntry("id_token_signed_response_alg", "EdDSA")
                .doesNotContainKey("require_pushed_authorization_requests");
        metadata.put("id_token_signed_response_alg", "none");
        Response refused = this.registration.register(this.registration.initialAccessToken(), metadata);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json())
                .containsEntry("error", "invalid_client_metadata")
                .hasEntrySatisfying(
                        "error_description", (d) -> assertThat((String) d).contains("id_token_signed_response_alg"));
    }

    @Test
    void readUpdateDeleteWhenRegistrationAccessTokenThenManagedAndDeletedClientsTokensStopWorking() {
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of(
                "client_name", "Shop",
                "redirect_uris", List.of("https://shop.example.com/cb"),
                "grant_types", List.of("authorization_code", "refresh_token", "client_credentials"),
                "token_endpoint_auth_method", "client_secret_post",
                "scope", "openid api.read",
                "backchannel_logout_uri", "https://shop.example.com/logout"));
        Map<String, Object> registered = this.registration.registered(metadata);
        String clientId = (String) registered.get("client_id");
        String secret = (String) registered.get("client_secret");
        String registrationToken = (String) registered.get("registration_access_token");
        String accessToken =
                (String) postToken(clientId, secret, "api.read").json().get("access_token");

        Response read = this.registration.read(registered, registrationToken);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json())
                .containsEntry("client_id", clientId)
                .containsEntry("redirect_uris", List.of("https://shop.example.com/cb"))
                .containsEntry("backchannel_logout_uri", "https://shop.example.com/logout")
                .containsEntry("scope", "api.read openid")
                .doesNotContainKeys("client_secret", "registration_access_token");
        assertThat(read.body()).doesNotContain(secret);

        metadata.put("client_id", clientId);
        metadata.put("redirect_uris", List.of("https://shop.example.com/callback"));
        metadata.put("scope", "api.read api.write");
        Response updated = this.registration.update(registered, registrationToken, metadata);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json())
                .containsEntry("redirect_uris", List.of("https://shop.example.com/callback"))
                .containsEntry("scope", "api.read api.write")
                .doesNotContainKey("client_secret");
        assertThat(postToken(clientId, secret, "api.write").status())
                .as("the secret was kept, the new scope is granted")
                .isEqualTo(200);
        assertThat(this.registration.read(registered, registrationToken).json())
                .containsEntry("redirect_uris", List.of("https://shop.example.com/callback"));

        Response deleted = this.registration.delete(registered, registrationToken);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        Response refused = postToken(clientId, secret, "api.read");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).containsEntry("error", "invalid_client");
        assertThat(client().introspect(SERVICE, SERVICE_SECRET, accessToken)).containsEntry("active", false);
        assertThat(this.registration.read(registered, registrationToken).status())
                .isEqualTo(401);
        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM phoenix_client_registration WHERE client_id = ?",
                        Integer.class,
                        clientId))
                .isZero();
    }

    @Test
    void updateWhenClientIdMissingOrSecretNotTheCurrentOneThenInvalidClientMetadataAndNothingChanged() {
        Map<String, Object> metadata =
                new LinkedHashMap<>(Map.of("grant_types", List.of("client_credentials"), "scope", "api.read"));
        Map<String, Object> registered = this.registration.registered(metadata);
        String token = (String) registered.get("registration_access_token");

        metadata.put("scope", "api.write");
        Response withoutId = this.registration.update(registered, token, metadata);
        metadata.put("client_id", registered.get("client_id"));
        metadata.put("client_secret", "chosen-by-the-client-0123456789-0123456789");
        Response ownSecret = this.registration.update(registered, token, metadata);

        for (Response response : List.of(withoutId, ownSecret)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json()).containsEntry("error", "invalid_client_metadata");
        }
        assertThat(this.registration.read(registered, token).json()).containsEntry("scope", "api.read");
    }

    @Test
    void registerWhenPrivateKeyJwtWithInlineJwksThenAssertionVerifiedWithItAndReplacedKeysTakeEffectAtOnce() {
        RSAKey key = RegistrationTestSupport.newKey();
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of(
                "grant_types",
                List.of("client_credentials"),
                "token_endpoint_auth_method",
                "private_key_jwt",
                "jwks",
                new JWKSet(key.toPublicJWK()).toJSONObject(),
                "scope",
                "api.read"));
        Map<String, Object> registered = this.registration.registered(metadata);
        String clientId = (String) registered.get("client_id");

        assertThat(registered).doesNotContainKey("client_secret").containsKey("jwks");
        assertThat(assertionToken(key, clientId).status()).isEqualTo(200);

        RSAKey next = RegistrationTestSupport.newKey();
        metadata.put("client_id", clientId);
        metadata.put("jwks", new JWKSet(next.toPublicJWK()).toJSONObject());
        Response updated =
                this.registration.update(registered, (String) registered.get("registration_access_token"), metadata);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(assertionToken(key, clientId).status()).as("old key").isEqualTo(401);
        assertThat(assertionToken(next, clientId).status()).as("new key").isEqualTo(200);
    }

    private Response assertionToken(RSAKey key, String clientId) {
        return client().postForm(
                        "/oauth2/token",
                        Map.of(
                                "grant_type",
                                "client_credentials",
                                "client_id",
                                clientId,
                                "client_assertion_type",
                                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                "client_assertion",
                                RegistrationTestSupport.assertion(key, clientId, issuer() + "/oauth2/token")));
    }

    private Response postToken(String clientId, String secret, String scope) {
        return client().postForm(
                        "/oauth2/token",
                        Map.of(
                                "grant_type", "client_credentials",
                                "client_id", clientId,
                                "client_secret", secret,
                                "scope", scope));
    }
}
