package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.StoredClient;
import com.phoenixidp.authserver.management.ManagementException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API's JSON for a client: the bootstrap YAML's field names ({@code client-id},
 * {@code grant-types}, {@code redirect-uris}, ...), so a YAML entry and an API body look alike.
 * Reading is strict (an unknown field or a wrong type is a 400 naming the field, so a typo never
 * passes silently); durations are {@code "5m"}-style or ISO-8601 ({@code "PT5M"}), written as
 * ISO-8601. The secret is read ({@code client-secret}) but never written.
 */
final class AdminClientJson {

    /** Written by {@link #write} and accepted back (ignored) so that GET output can be PUT again. */
    private static final Set<String> READ_ONLY = Set.of("client-id-issued-at");

    private AdminClientJson() {}

    /** The definition in {@code body}. */
    static ClientDefinition read(Map<String, Object> body, JsonMapper json) {
        ClientDefinition client = new ClientDefinition();
        Map<String, Consumer<Object>> fields = new LinkedHashMap<>();
        fields.put("client-id", (v) -> client.setClientId(string("client-id", v)));
        fields.put("enabled", (v) -> client.setEnabled(bool("enabled", v)));
        fields.put("client-secret", (v) -> client.setClientSecret(string("client-secret", v)));
        fields.put("client-name", (v) -> client.setClientName(string("client-name", v)));
        fields.put("grant-types", (v) -> client.setGrantTypes(strings("grant-types", v)));
        fields.put("auth-methods", (v) -> client.setAuthMethods(strings("auth-methods", v)));
        fields.put("redirect-uris", (v) -> client.setRedirectUris(strings("redirect-uris", v)));
        fields.put(
                "post-logout-redirect-uris",
                (v) -> client.setPostLogoutRedirectUris(strings("post-logout-redirect-uris", v)));
        fields.put("scopes", (v) -> client.setScopes(strings("scopes", v)));
        fields.put("require-consent", (v) -> client.setRequireConsent(bool("require-consent", v)));
        fields.put("require-pkce", (v) -> client.setRequirePkce(bool("require-pkce", v)));
        fields.put("jwk-set-uri", (v) -> client.setJwkSetUri(string("jwk-set-uri", v)));
        fields.put("jwks", (v) -> client.setJwks((v instanceof Map) ? json.writeValueAsString(v) : string("jwks", v)));
        fields.put("tls-subject-dn", (v) -> client.setTlsSubjectDn(string("tls-subject-dn", v)));
        fields.put("tls-san-dns", (v) -> client.setTlsSanDns(string("tls-san-dns", v)));
        fields.put("tls-san-uri", (v) -> client.setTlsSanUri(string("tls-san-uri", v)));
        fields.put(
                "certificate-bound-tokens",
                (v) -> client.setCertificateBoundTokens(bool("certificate-bound-tokens", v)));
        fields.put("access-token-ttl", (v) -> client.setAccessTokenTtl(duration("access-token-ttl", v)));
        fields.put("refresh-token-ttl", (v) -> client.setRefreshTokenTtl(duration("refresh-token-ttl", v)));
        fields.put("device-code-ttl", (v) -> client.setDeviceCodeTtl(duration("device-code-ttl", v)));
        fields.put(
                "backchannel-logout-uri", (v) -> client.setBackchannelLogoutUri(string("backchannel-logout-uri", v)));
        fields.put("resource-uris", (v) -> client.setResourceUris(strings("resource-uris", v)));
        fields.put(
                "access-token-signature-algorithm",
                (v) -> client.setAccessTokenSignatureAlgorithm(string("access-token-signature-algorithm", v)));
        fields.put(
                "id-token-signature-algorithm",
                (v) -> client.setIdTokenSignatureAlgorithm(string("id-token-signature-algorithm", v)));
        fields.put("require-dpop", (v) -> client.setRequireDpop(bool("require-dpop", v)));
        fields.put(
                "require-pushed-authorization-requests",
                (v) -> client.setRequirePushedAuthorizationRequests(bool("require-pushed-authorization-requests", v)));
        for (Map.Entry<String, Object> field : body.entrySet()) {
            Consumer<Object> setter = fields.get(field.getKey());
            if (setter == null && !READ_ONLY.contains(field.getKey())) {
                throw ManagementException.invalid(field.getKey(), "unknown field");
            }
            if (setter != null && field.getValue() != null) {
                setter.accept(field.getValue());
            }
        }
        return client;
    }

    /** The client as the admin API shows it: every field except the secret. */
    static Map<String, Object> write(StoredClient stored, JsonMapper json) {
        ClientDefinition client = stored.definition();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client-id", client.getClientId());
        out.put("client-name", client.getClientName());
        out.put("enabled", client.isEnabled());
        if (stored.issuedAt() != null) {
            out.put("client-id-issued-at", stored.issuedAt().toString());
        }
        out.put("grant-types", client.getGrantTypes());
        out.put("auth-methods", client.getAuthMethods());
        out.put("redirect-uris", client.getRedirectUris());
        out.put("post-logout-redirect-uris", client.getPostLogoutRedirectUris());
        out.put("scopes", client.getScopes());
        out.put("require-consent", client.isRequireConsent());
        out.put("require-pkce", client.isRequirePkce());
        putIfSet(out, "jwk-set-uri", client.getJwkSetUri());
        if (client.getJwks() != null) {
            out.put("jwks", json.readValue(client.getJwks(), Map.class));
        }
        putIfSet(out, "tls-subject-dn", client.getTlsSubjectDn());
        putIfSet(out, "tls-san-dns", client.getTlsSanDns());
        putIfSet(out, "tls-san-uri", client.getTlsSanUri());
        out.put("certificate-bound-tokens", client.isCertificateBoundTokens());
        putIfSet(out, "access-token-ttl", client.getAccessTokenTtl());
        putIfSet(out, "refresh-token-ttl", client.getRefreshTokenTtl());
        putIfSet(out, "device-code-ttl", client.getDeviceCodeTtl());
        putIfSet(out, "backchannel-logout-uri", client.getBackchannelLogoutUri());
        out.put("resource-uris", client.getResourceUris());
        putIfSet(out, "access-token-signature-algorithm", client.getAccessTokenSignatureAlgorithm());
        putIfSet(out, "id-token-signature-algorithm", client.getIdTokenSignatureAlgorithm());
        out.put("require-dpop", client.isRequireDpop());
        out.put("require-pushed-authorization-requests", client.isRequirePushedAuthorizationRequests());
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String name, @Nullable Object value) {
        if (value != null) {
            out.put(name, value.toString());
        }
    }

    private static String string(String field, Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw ManagementException.invalid(field, "must be a string");
    }

    private static boolean bool(String field, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw ManagementException.invalid(field, "must be true or false");
    }

    private static List<String> strings(String field, Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return new ArrayList<>(list.stream().map(String.class::cast).toList());
        }
        throw ManagementException.invalid(field, "must be an array of strings");
    }

    /** {@code "5m"}, {@code "PT5M"} or a number of seconds. */
    private static Duration duration(String field, Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return Duration.ofSeconds(((Number) value).longValue());
        }
        if (value instanceof String s) {
            try {
                return DurationStyle.detectAndParse(s);
            } catch (IllegalArgumentException ex) {
                throw ManagementException.invalid(field, "'" + s + "' is not a duration (e.g. 5m, 8h, PT5M)");
            }
        }
        throw ManagementException.invalid(field, "must be a duration (e.g. \"5m\")");
    }
}
