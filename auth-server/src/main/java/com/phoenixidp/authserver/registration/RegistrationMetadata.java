package com.phoenixidp.authserver.registration;

import com.nimbusds.jose.jwk.JWKSet;
import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.StoredClient;
import com.phoenixidp.authserver.management.ManagementException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Client metadata of RFC 7591 section 2 (with RFC 8705 2.1.2 / 3, OIDC Back-Channel Logout 2.2,
 * RFC 9449 5.2 {@code dpop_bound_access_tokens}, RFC 9126 6 {@code require_pushed_authorization_requests},
 * OIDC Registration 2 {@code id_token_signed_response_alg} names, and Phoenix's
 * {@code access_token_signed_response_alg} and {@code resource_uris}) read into a {@link ClientDefinition} and written back. What a dynamically registered
 * client may be is narrower than what an operator may configure: no password or implicit grant
 * (OAuth 2.1), one authentication method out of {@link #AUTH_METHODS}, only allowed scopes,
 * consent always asked. Unknown fields are ignored (RFC 7591 section 2). Refusals are
 * {@link ManagementException}s naming the field by its bootstrap name, like the service's own.
 */
final class RegistrationMetadata {

    static final Set<String> GRANT_TYPES = Set.of(
            "authorization_code",
            "refresh_token",
            "client_credentials",
            AuthorizationGrantType.DEVICE_CODE.getValue(),
            AuthorizationGrantType.TOKEN_EXCHANGE.getValue());

    static final Set<String> AUTH_METHODS =
            Set.of("client_secret_basic", "client_secret_post", "private_key_jwt", "tls_client_auth", "none");

    /** Bootstrap field name to RFC 7591 / RFC 8705 metadata name, for error descriptions; longest first. */
    static final List<Map.Entry<String, String>> NAMES = List.of(
            Map.entry("require-pushed-authorization-requests", "require_pushed_authorization_requests"),
            Map.entry("access-token-signature-algorithm", "access_token_signed_response_alg"),
            Map.entry("id-token-signature-algorithm", "id_token_signed_response_alg"),
            Map.entry("require-dpop", "dpop_bound_access_tokens"),
            Map.entry("resource-uris", "resource_uris"),
            Map.entry("client-id", "client_id"),
            Map.entry("client-secret", "client_secret"),
            Map.entry("client-name", "client_name"),
            Map.entry("post-logout-redirect-uris", "post_logout_redirect_uris"),
            Map.entry("redirect-uris", "redirect_uris"),
            Map.entry("grant-types", "grant_types"),
            Map.entry("auth-methods", "token_endpoint_auth_method"),
            Map.entry("scopes", "scope"),
            Map.entry("jwk-set-uri", "jwks_uri"),
            Map.entry("tls-subject-dn", "tls_client_auth_subject_dn"),
            Map.entry("tls-san-dns", "tls_client_auth_san_dns"),
            Map.entry("tls-san-uri", "tls_client_auth_san_uri"),
            Map.entry("certificate-bound-tokens", "tls_client_certificate_bound_access_tokens"),
            Map.entry("backchannel-logout-uri", "backchannel_logout_uri"),
            Map.entry("response-types", "response_types"));

    private RegistrationMetadata() {}

    /** The definition of the client described by {@code metadata}, under the given client id. */
    static ClientDefinition read(Map<String, Object> metadata, String clientId, Set<String> allowedScopes) {
        ClientDefinition client = new ClientDefinition();
        client.setClientId(clientId);
        client.setClientName(string(metadata, "client_name", "client-name"));
        client.setRedirectUris(strings(metadata, "redirect_uris", "redirect-uris"));
        client.setPostLogoutRedirectUris(strings(metadata, "post_logout_redirect_uris", "post-logout-redirect-uris"));
        // RFC 7591 2: grant_types defaults to authorization_code, response_types to code
        List<String> grants = metadata.containsKey("grant_types")
                ? strings(metadata, "grant_types", "grant-types")
                : new ArrayList<>(List.of("authorization_code"));
        for (String grant : grants) {
            if (!GRANT_TYPES.contains(grant)) {
                throw ManagementException.invalid(
                        "grant-types",
                        "'" + grant + "' is not allowed for a registered client (allowed: " + GRANT_TYPES + ")");
            }
        }
        client.setGrantTypes(grants);
        checkResponseTypes(metadata, grants);
        String method = string(metadata, "token_endpoint_auth_method", "auth-methods");
        method = (method != null) ? method : "client_secret_basic";
        if (!AUTH_METHODS.contains(method)) {
            throw ManagementException.invalid(
                    "auth-methods", "'" + method + "' is not supported (supported: " + AUTH_METHODS + ")");
        }
        client.setAuthMethods(new ArrayList<>(List.of(method)));
        String scope = string(metadata, "scope", "scopes");
        client.setScopes(
                (scope != null && !scope.isBlank())
                        ? new ArrayList<>(Arrays.asList(scope.trim().split(" +")))
                        : new ArrayList<>());
        for (String requested : client.getScopes()) {
            if (!allowedScopes.contains(requested)) {
                throw ManagementException.invalid(
                        "scopes", "'" + requested + "' may not be requested by a registered client");
            }
        }
        client.setJwkSetUri(string(metadata, "jwks_uri", "jwk-set-uri"));
        client.setJwks(jwks(metadata));
        client.setTlsSubjectDn(string(metadata, "tls_client_auth_subject_dn", "tls-subject-dn"));
        client.setTlsSanDns(string(metadata, "tls_client_auth_san_dns", "tls-san-dns"));
        client.setTlsSanUri(string(metadata, "tls_client_auth_san_uri", "tls-san-uri"));
        client.setCertificateBoundTokens(
                bool(metadata, "tls_client_certificate_bound_access_tokens", "certificate-bound-tokens"));
        client.setBackchannelLogoutUri(string(metadata, "backchannel_logout_uri", "backchannel-logout-uri"));
        client.setResourceUris(strings(metadata, "resource_uris", "resource-uris"));
        client.setAccessTokenSignatureAlgorithm(
                string(metadata, "access_token_signed_response_alg", "access-token-signature-algorithm"));
        client.setIdTokenSignatureAlgorithm(
                string(metadata, "id_token_signed_response_alg", "id-token-signature-algorithm"));
        client.setRequireDpop(bool(metadata, "dpop_bound_access_tokens", "require-dpop"));
        client.setRequirePushedAuthorizationRequests(
                bool(metadata, "require_pushed_authorization_requests", "require-pushed-authorization-requests"));
        client.setRequireConsent(true);
        client.setRequirePkce(true);
        return client;
    }

    /** RFC 7591 2.1: response_types must match grant_types; only "code" exists here (no implicit). */
    private static void checkResponseTypes(Map<String, Object> metadata, List<String> grants) {
        boolean code = grants.contains("authorization_code");
        List<String> responseTypes = metadata.containsKey("response_types")
                ? strings(metadata, "response_types", "response-types")
                : (code ? List.of("code") : List.of());
        for (String type : responseTypes) {
            if (!"code".equals(type)) {
                throw ManagementException.invalid(
                        "response-types", "'" + type + "' is not supported (supported: [code])");
            }
        }
        if (code != responseTypes.contains("code")) {
            throw ManagementException.invalid(
                    "response-types",
                    "'code' goes with grant type authorization_code, and only with it (RFC 7591 2.1)");
        }
    }

    /** The client's metadata as RFC 7591 section 3.2.1 returns it (without secret or tokens). */
    static Map<String, Object> write(StoredClient stored) {
        ClientDefinition client = stored.definition();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", client.getClientId());
        if (stored.issuedAt() != null) {
            json.put("client_id_issued_at", stored.issuedAt().getEpochSecond());
        }
        json.put("client_name", client.getClientName());
        json.put("redirect_uris", client.getRedirectUris());
        if (!client.getPostLogoutRedirectUris().isEmpty()) {
            json.put("post_logout_redirect_uris", client.getPostLogoutRedirectUris());
        }
        json.put("grant_types", client.getGrantTypes());
        json.put("response_types", client.getGrantTypes().contains("authorization_code") ? List.of("code") : List.of());
        json.put(
                "token_endpoint_auth_method",
                client.getAuthMethods().isEmpty()
                        ? "none"
                        : client.getAuthMethods().get(0));
        json.put("scope", String.join(" ", client.getScopes()));
        putIfSet(json, "jwks_uri", client.getJwkSetUri());
        if (client.getJwks() != null) {
            try {
                json.put("jwks", JWKSet.parse(client.getJwks()).toJSONObject(true));
            } catch (ParseException ex) {
                throw new IllegalStateException("stored jwks of client " + client.getClientId() + " is not a JWK set");
            }
        }
        putIfSet(json, "tls_client_auth_subject_dn", client.getTlsSubjectDn());
        putIfSet(json, "tls_client_auth_san_dns", client.getTlsSanDns());
        putIfSet(json, "tls_client_auth_san_uri", client.getTlsSanUri());
        if (client.isCertificateBoundTokens()) {
            json.put("tls_client_certificate_bound_access_tokens", true);
        }
        putIfSet(json, "backchannel_logout_uri", client.getBackchannelLogoutUri());
        if (!client.getResourceUris().isEmpty()) {
            json.put("resource_uris", client.getResourceUris());
        }
        putIfSet(json, "access_token_signed_response_alg", client.getAccessTokenSignatureAlgorithm());
        putIfSet(json, "id_token_signed_response_alg", client.getIdTokenSignatureAlgorithm());
        if (client.isRequireDpop()) {
            json.put("dpop_bound_access_tokens", true);
        }
        if (client.isRequirePushedAuthorizationRequests()) {
            json.put("require_pushed_authorization_requests", true);
        }
        return json;
    }

    /** An error description in the metadata's own names ({@code redirect_uris: ...}). */
    static String describe(ManagementException ex) {
        String description = ex.getMessage();
        for (Map.Entry<String, String> name : NAMES) {
            description = description.replace(name.getKey(), name.getValue());
        }
        return description;
    }

    private static @Nullable String jwks(Map<String, Object> metadata) {
        Object value = metadata.get("jwks");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> set)) {
            throw ManagementException.invalid("jwks", "must be a JWK set object (RFC 7517 5)");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) set;
            return JWKSet.parse(object).toString(false);
        } catch (ParseException | RuntimeException ex) {
            throw ManagementException.invalid("jwks", "not a JWK set (RFC 7517 5)");
        }
    }

    private static @Nullable String string(Map<String, Object> metadata, String name, String field) {
        Object value = metadata.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw ManagementException.invalid(field, "must be a string");
    }

    private static boolean bool(Map<String, Object> metadata, String name, String field) {
        Object value = metadata.get(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw ManagementException.invalid(field, "must be true or false");
    }

    private static List<String> strings(Map<String, Object> metadata, String name, String field) {
        Object value = metadata.get(name);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof List<?> list)) {
            throw ManagementException.invalid(field, "must be an array of strings");
        }
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw ManagementException.invalid(field, "must be an array of strings");
            }
            result.add(s);
        }
        return result;
    }

    private static void putIfSet(Map<String, Object> json, String name, @Nullable String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
