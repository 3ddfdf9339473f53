package com.phoenixidp.authserver.settings;

import java.util.Arrays;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The per-client settings Phoenix keeps in Spring Authorization Server's {@link ClientSettings} and
 * {@link TokenSettings} beside SAS's own, with their readers. Written by the client package's
 * mapper from a client definition; read by the protocol code (token customizer, DPoP, PAR, RFC 8707
 * checks). A package of its own so that every feature package may read them without a cycle.
 */
public final class PhoenixClientSettings {

    /**
     * {@code false} when the client is disabled: it cannot authenticate nor start an authorization
     * request. Written only when false, so a client defined before the option existed is enabled.
     */
    public static final String ENABLED = "settings.client.phoenix.enabled";

    /** RFC 8707 resource indicators the client may ask tokens for: absolute URIs, one space between two. */
    public static final String RESOURCE_URIS = "settings.client.phoenix.resource-uris";

    /** RFC 9449: every token request of the client must carry a DPoP proof. */
    public static final String REQUIRE_DPOP = "settings.client.phoenix.require-dpop";

    /** RFC 9126 section 6: authorization requests only through a pushed authorization request. */
    public static final String REQUIRE_PUSHED_AUTHORIZATION_REQUESTS =
            "settings.client.phoenix.require-pushed-authorization-requests";

    /** JWS algorithm of the client's access tokens (RS256 when unset). */
    public static final String ACCESS_TOKEN_SIGNATURE_ALGORITHM =
            "settings.token.phoenix.access-token-signature-algorithm";

    /**
     * JWS algorithm of the client's ID tokens when SAS's {@link TokenSettings#getIdTokenSignatureAlgorithm()}
     * cannot hold it (EdDSA, which Spring's {@link SignatureAlgorithm} lacks).
     */
    public static final String ID_TOKEN_SIGNATURE_ALGORITHM = "settings.token.phoenix.id-token-signature-algorithm";

    /** The algorithm used when a client chooses none. */
    public static final String DEFAULT_SIGNATURE_ALGORITHM = "RS256";

    private PhoenixClientSettings() {}

    /** The client's registered resource URIs (RFC 8707), in registration order; empty when none. */
    public static List<String> resourceUris(RegisteredClient client) {
        return resourceUris(client.getClientSettings());
    }

    private static List<String> resourceUris(ClientSettings settings) {
        Object value = settings.getSetting(RESOURCE_URIS);
        if (!(value instanceof String joined) || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.trim().split(" +")).toList();
    }

    /** False when the client is disabled ({@link #ENABLED}). */
    public static boolean isEnabled(RegisteredClient client) {
        return !Boolean.FALSE.equals(client.getClientSettings().getSetting(ENABLED));
    }

    public static boolean requiresDpop(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(REQUIRE_DPOP));
    }

    public static boolean requiresPushedAuthorizationRequests(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(REQUIRE_PUSHED_AUTHORIZATION_REQUESTS));
    }

    /** Name of the JWS algorithm for the client's access tokens: RS256, ES256 or EdDSA. */
    public static String accessTokenSignatureAlgorithm(RegisteredClient client) {
        Object value = client.getTokenSettings().getSetting(ACCESS_TOKEN_SIGNATURE_ALGORITHM);
        return (value instanceof String name) ? name : DEFAULT_SIGNATURE_ALGORITHM;
    }

    /** Name of the JWS algorithm for the client's ID tokens: RS256, ES256 or EdDSA. */
    public static String idTokenSignatureAlgorithm(RegisteredClient client) {
        return idTokenSignatureAlgorithm(client.getTokenSettings());
    }

    private static String idTokenSignatureAlgorithm(TokenSettings settings) {
        Object value = settings.getSetting(ID_TOKEN_SIGNATURE_ALGORITHM);
        if (value instanceof String name) {
            return name;
        }
        SignatureAlgorithm id = settings.getIdTokenSignatureAlgorithm();
        return (id != null) ? id.getName() : DEFAULT_SIGNATURE_ALGORITHM;
    }
}
