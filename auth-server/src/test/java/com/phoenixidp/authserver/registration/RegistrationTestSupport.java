package com.phoenixidp.authserver.registration;

import static com.phoenixidp.authserver.TestData.REGISTRAR;
import static com.phoenixidp.authserver.TestData.REGISTRAR_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Requests of an RFC 7591 / RFC 7592 client, for the registration tests. */
final class RegistrationTestSupport {

    static final String PATH = "/connect/register";

    private final OAuthTestClient http;

    RegistrationTestSupport(OAuthTestClient http) {
        this.http = http;
    }

    /** An initial access token: the registrar's client-credentials token with scope client.create. */
    String initialAccessToken() {
        Response token = this.http.clientCredentialsBasic(REGISTRAR, REGISTRAR_SECRET, "client.create");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return (String) token.json().get("access_token");
    }

    Response register(String initialAccessToken, Map<String, Object> metadata) {
        return register(initialAccessToken, OAuthTestClient.toJson(metadata));
    }

    Response register(String initialAccessToken, String body) {
        return (initialAccessToken != null)
                ? this.http.post(PATH, "application/json", body, "Authorization", "Bearer " + initialAccessToken)
                : this.http.post(PATH, "application/json", body);
    }

    /** Registers and checks the 201; the response body. */
    Map<String, Object> registered(Map<String, Object> metadata) {
        Response response = register(initialAccessToken(), metadata);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    Response read(Map<String, Object> registration, String registrationToken) {
        return this.http.get(
                (String) registration.get("registration_client_uri"), "Authorization", "Bearer " + registrationToken);
    }

    Response update(Map<String, Object> registration, String registrationToken, Map<String, Object> metadata) {
        return this.http.send(
                "PUT",
                (String) registration.get("registration_client_uri"),
                "application/json",
                OAuthTestClient.toJson(metadata),
                "Authorization",
                "Bearer " + registrationToken);
    }

    Response delete(Map<String, Object> registration, String registrationToken) {
        return this.http.send(
                "DELETE",
                (String) registration.get("registration_client_uri"),
                null,
                null,
                "Authorization",
                "Bearer " + registrationToken);
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A private_key_jwt client assertion (RFC 7523 3) of {@code clientId}, signed with {@code key}. */
    static String assertion(RSAKey key, String clientId, String audience) {
        Date now = new Date();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(now)
                .expirationTime(new Date(now.getTime() + 60_000))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }
}
