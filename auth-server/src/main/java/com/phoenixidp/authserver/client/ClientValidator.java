package com.phoenixidp.authserver.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.phoenixidp.authserver.grant.LegacyGrantTypes;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.crypto.secret.ClientSecretHasher;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The rules every client definition must meet, whoever sends it (bootstrap, admin API, RFC 7591):
 * RFC 6749 sections 2 and 3.1.2 (client types, redirect URIs without fragments, https except on
 * loopback), RFC 6749 3.3 scope tokens, RFC 7523 / RFC 8705 key material for the authentication
 * method, OIDC Back-Channel Logout 1.0 section 2.2, and the protocol options of
 * {@link ClientProtocolRules} (RFC 8707, 9126, 9449, token signing algorithms). Touches no storage. Failures are
 * {@link ManagementException#invalid} naming the field by its bootstrap name; messages never
 * contain a secret.
 */
public final class ClientValidator {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

    /** RFC 6749 3.3 scope-token, without the comma (the store keeps scopes comma-separated). */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x5B\\x5D-\\x7E]{1,100}");

    /** Column sizes of oauth2_registered_client (V1 migration). */
    private static final int MAX_NAME = 200;

    private static final int MAX_URIS = 4000;

    private static final int MAX_SCOPES = 1000;

    /** An inline JWK set lives in client_settings (VARCHAR 4000) next to the other settings. */
    static final int MAX_JWKS = 2500;

    static final Map<String, AuthorizationGrantType> GRANT_TYPES = Map.of(
            "authorization_code",
            AuthorizationGrantType.AUTHORIZATION_CODE,
            "client_credentials",
            AuthorizationGrantType.CLIENT_CREDENTIALS,
            "refresh_token",
            AuthorizationGrantType.REFRESH_TOKEN,
            AuthorizationGrantType.DEVICE_CODE.getValue(),
            AuthorizationGrantType.DEVICE_CODE,
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
            AuthorizationGrantType.TOKEN_EXCHANGE,
            "password",
            LegacyGrantTypes.PASSWORD,
            "implicit",
            LegacyGrantTypes.IMPLICIT);

    /** Grants whose token requests need an authenticated (confidential) client. */
    private static final List<String> CONFIDENTIAL_GRANTS =
            List.of("client_credentials", "password", AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

    static final Map<String, ClientAuthenticationMethod> AUTH_METHODS = Map.of(
            "client_secret_basic",
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            "client_secret_post",
            ClientAuthenticationMethod.CLIENT_SECRET_POST,
            "private_key_jwt",
            ClientAuthenticationMethod.PRIVATE_KEY_JWT,
            "none",
            ClientAuthenticationMethod.NONE,
            "tls_client_auth",
            ClientAuthenticationMethod.TLS_CLIENT_AUTH,
            "self_signed_tls_client_auth",
            ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH);

    /** Checks a definition; throws {@link ManagementException} (reason INVALID_VALUE) at the first broken rule. */
    public void validate(ClientDefinition client) {
        if (client.getClientId() == null
                || !CLIENT_ID.matcher(client.getClientId()).matches()) {
            throw ManagementException.invalid("client-id", "required, 1-100 characters of A-Z a-z 0-9 . _ ~ -");
        }
        if (client.getClientName() != null && client.getClientName().length() > MAX_NAME) {
            throw ManagementException.invalid("client-name", "at most " + MAX_NAME + " characters");
        }
        checkGrantTypes(client);
        Set<String> methods = authMethodsOf(client);
        checkClientType(client, methods);
        checkKeyMaterial(client, methods);
        checkRedirectUris(client);
        checkScopes(client);
        if (client.getBackchannelLogoutUri() != null) {
            checkAbsoluteUri("backchannel-logout-uri", client.getBackchannelLogoutUri());
        }
        ClientProtocolRules.check(client);
        checkPositive("access-token-ttl", client.getAccessTokenTtl());
        checkPositive("refresh-token-ttl", client.getRefreshTokenTtl());
        checkPositive("device-code-ttl", client.getDeviceCodeTtl());
    }

    /** The authentication methods in force: the listed ones, or a default from the secret and grants. */
    static Set<String> authMethodsOf(ClientDefinition client) {
        if (!client.getAuthMethods().isEmpty()) {
            return new LinkedHashSet<>(client.getAuthMethods());
        }
        boolean confidentialGrant = client.getGrantTypes().stream().anyMatch(CONFIDENTIAL_GRANTS::contains);
        return (client.getClientSecret() != null || confidentialGrant)
                ? new LinkedHashSet<>(List.of("client_secret_basic"))
                : new LinkedHashSet<>(List.of("none"));
    }

    /** True when the client authenticates with a shared secret (RFC 6749 2.3.1). */
    static boolean usesSecret(Set<String> methods) {
        return methods.contains("client_secret_basic") || methods.contains("client_secret_post");
    }

    private static void checkGrantTypes(ClientDefinition client) {
        if (client.getGrantTypes().isEmpty()) {
            throw ManagementException.invalid(
                    "grant-types", "at least one of " + GRANT_TYPES.keySet() + " is required");
        }
        for (String grant : client.getGrantTypes()) {
            if (!GRANT_TYPES.containsKey(grant)) {
                throw ManagementException.invalid(
                        "grant-types",
                        "unsupported grant type '" + grant + "' (supported: " + GRANT_TYPES.keySet() + ")");
            }
        }
    }

    /** RFC 6749 2.1: a public client has no secret and cannot use grants that need client authentication. */
    private static void checkClientType(ClientDefinition client, Set<String> methods) {
        for (String method : client.getAuthMethods()) {
            if (!AUTH_METHODS.containsKey(method)) {
                throw ManagementException.invalid(
                        "auth-methods",
                        "unsupported client authentication method '" + method + "' (supported: " + AUTH_METHODS.keySet()
                                + ")");
            }
        }
        boolean isPublic = methods.contains("none");
        if (isPublic && methods.size() > 1) {
            throw ManagementException.invalid(
                    "auth-methods", "'none' (public client) cannot be combined with other methods");
        }
        if (isPublic && client.getClientSecret() != null) {
            throw ManagementException.invalid("client-secret", "a public client (auth-methods: [none]) has no secret");
        }
        for (String grant : CONFIDENTIAL_GRANTS) {
            if (isPublic && client.getGrantTypes().contains(grant)) {
                throw ManagementException.invalid(
                        "grant-types", grant + " needs an authenticated (confidential) client");
            }
        }
        if (client.getClientSecret() != null
                && client.getClientSecret().length() < ClientSecretHasher.MIN_SECRET_CHARS) {
            throw ManagementException.invalid(
                    "client-secret",
                    "must be at least " + ClientSecretHasher.MIN_SECRET_CHARS
                            + " characters (omit it to have a 256-bit secret generated)");
        }
    }

    /** RFC 7523 (private_key_jwt keys) and RFC 8705 2.1.2 / 2.2 (certificate identity). */
    private static void checkKeyMaterial(ClientDefinition client, Set<String> methods) {
        if (client.getJwks() != null) {
            checkJwks(client);
        }
        if (client.getJwkSetUri() != null) {
            checkAbsoluteUri("jwk-set-uri", client.getJwkSetUri());
        }
        if (methods.contains("private_key_jwt") && client.getJwkSetUri() == null && client.getJwks() == null) {
            throw ManagementException.invalid(
                    "jwk-set-uri", "required for auth-methods private_key_jwt (or an inline jwks)");
        }
        if (methods.contains("tls_client_auth")) {
            int identities = ((client.getTlsSubjectDn() != null) ? 1 : 0)
                    + ((client.getTlsSanDns() != null) ? 1 : 0)
                    + ((client.getTlsSanUri() != null) ? 1 : 0);
            if (identities != 1) {
                throw new ManagementException(
                        ManagementException.Reason.INVALID_VALUE,
                        "tls-subject-dn",
                        "tls-subject-dn / tls-san-dns / tls-san-uri: exactly one is required"
                                + " for auth-methods tls_client_auth (RFC 8705 2.1.2)");
            }
            if (client.getTlsSubjectDn() != null) {
                try {
                    new X500Principal(client.getTlsSubjectDn());
                } catch (IllegalArgumentException ex) {
                    throw ManagementException.invalid(
                            "tls-subject-dn",
                            "'" + client.getTlsSubjectDn() + "' is not an RFC 4514 distinguished name");
                }
            }
        }
        if (methods.contains("self_signed_tls_client_auth") && client.getJwkSetUri() == null) {
            throw ManagementException.invalid("jwk-set-uri", "required for auth-methods self_signed_tls_client_auth");
        }
        boolean mtls = methods.contains("tls_client_auth") || methods.contains("self_signed_tls_client_auth");
        if (client.isCertificateBoundTokens() && !mtls) {
            throw ManagementException.invalid(
                    "certificate-bound-tokens",
                    "needs auth-methods tls_client_auth or self_signed_tls_client_auth (RFC 8705 3)");
        }
    }

    /** RFC 7591 2: jwks and jwks_uri are exclusive; the set holds public keys only (RFC 7517 4). */
    private static void checkJwks(ClientDefinition client) {
        if (client.getJwkSetUri() != null) {
            throw ManagementException.invalid("jwks", "give either jwk-set-uri or jwks, not both (RFC 7591 2)");
        }
        String jwks = Objects.requireNonNull(client.getJwks(), "checked only when jwks is set");
        if (jwks.length() > MAX_JWKS) {
            throw ManagementException.invalid(
                    "jwks", "at most " + MAX_JWKS + " characters; publish larger key sets at a jwk-set-uri");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException ex) {
            throw ManagementException.invalid("jwks", "not a JWK set (RFC 7517 5)");
        }
        if (set.getKeys().isEmpty()) {
            throw ManagementException.invalid("jwks", "contains no key");
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                throw ManagementException.invalid("jwks", "must hold public keys only");
            }
        }
    }

    private static void checkRedirectUris(ClientDefinition client) {
        for (String redirectGrant : List.of("authorization_code", "implicit")) {
            if (client.getGrantTypes().contains(redirectGrant)
                    && client.getRedirectUris().isEmpty()) {
                throw ManagementException.invalid("redirect-uris", "at least one is required for " + redirectGrant);
            }
        }
        checkUriList("redirect-uris", client.getRedirectUris());
        checkUriList("post-logout-redirect-uris", client.getPostLogoutRedirectUris());
    }

    private static void checkUriList(String field, List<String> uris) {
        int total = 0;
        for (String uri : uris) {
            checkAbsoluteUri(field, uri);
            if (uri.indexOf(',') >= 0) {
                throw ManagementException.invalid(field, "'" + uri + "' must not contain a comma");
            }
            total += uri.length() + 1;
        }
        if (total > MAX_URIS) {
            throw ManagementException.invalid(field, "at most " + MAX_URIS + " characters together");
        }
    }

    private static void checkScopes(ClientDefinition client) {
        int total = 0;
        for (String scope : client.getScopes()) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw ManagementException.invalid(
                        "scopes", "'" + scope + "' is not a valid scope token (RFC 6749 3.3)");
            }
            total += scope.length() + 1;
        }
        if (total > MAX_SCOPES) {
            throw ManagementException.invalid("scopes", "at most " + MAX_SCOPES + " characters together");
        }
    }

    /** RFC 6749 3.1.2 / 3.1.2.1: absolute, no fragment, https (plain http only on the loopback host). */
    private static void checkAbsoluteUri(String field, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException | NullPointerException ex) {
            throw ManagementException.invalid(field, "'" + value + "' is not a valid URI");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw ManagementException.invalid(field, "'" + value + "' must be an absolute http(s) URI");
        }
        if (uri.getFragment() != null) {
            throw ManagementException.invalid(field, "'" + value + "' must not contain a fragment (RFC 6749 3.1.2)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback =
                "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            throw ManagementException.invalid(field, "'" + value + "' must use https (http only for localhost)");
        }
    }

    private static void checkPositive(String field, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw ManagementException.invalid(field, "must be a positive duration");
        }
    }
}
