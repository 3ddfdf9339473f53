package com.phoenixidp.authserver.client;

import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.token.PhoenixJwsAlgorithms;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules of the protocol options a client may choose (part of {@link ClientValidator}):
 * RFC 8707 resource indicators, the JWS algorithm of its access and ID tokens (RFC 7518 3.1,
 * RFC 8037), DPoP-bound tokens (RFC 9449) and pushed authorization requests (RFC 9126).
 * Failures name the field by its bootstrap name.
 */
final class ClientProtocolRules {

    /** The resource URIs share client_settings (VARCHAR 4000) with the inline jwks (at most 2500). */
    static final int MAX_RESOURCE_URIS = 1000;

    /** Grants whose tokens the token endpoint issues from SAS's providers, which take DPoP proofs. */
    private static final List<String> NO_DPOP_GRANTS = List.of("password", "implicit");

    private ClientProtocolRules() {}

    static void check(ClientDefinition client) {
        checkResourceUris(client.getResourceUris());
        checkAlgorithm("access-token-signature-algorithm", client.getAccessTokenSignatureAlgorithm());
        checkAlgorithm("id-token-signature-algorithm", client.getIdTokenSignatureAlgorithm());
        if (client.isRequireDpop()) {
            for (String grant : NO_DPOP_GRANTS) {
                if (client.getGrantTypes().contains(grant)) {
                    throw ManagementException.invalid(
                            "require-dpop", "the " + grant + " grant takes no DPoP proof here (RFC 9449)");
                }
            }
        }
        if (client.isRequirePushedAuthorizationRequests()
                && !client.getGrantTypes().contains("authorization_code")) {
            throw ManagementException.invalid(
                    "require-pushed-authorization-requests", "needs grant type authorization_code (RFC 9126)");
        }
    }

    /** RFC 8707 section 2: an absolute URI without fragment; here also without spaces or commas. */
    private static void checkResourceUris(List<String> uris) {
        int total = 0;
        for (String value : uris) {
            if (value == null || value.isBlank() || value.matches(".*[\\s,].*")) {
                throw ManagementException.invalid(
                        "resource-uris", "'" + value + "' must be an absolute URI without spaces or commas");
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException ex) {
                throw ManagementException.invalid("resource-uris", "'" + value + "' is not a valid URI");
            }
            if (!uri.isAbsolute()) {
                throw ManagementException.invalid("resource-uris", "'" + value + "' must be absolute (RFC 8707 2)");
            }
            if (uri.getRawFragment() != null) {
                throw ManagementException.invalid(
                        "resource-uris", "'" + value + "' must not contain a fragment (RFC 8707 2)");
            }
            total += value.length() + 1;
        }
        if (total > MAX_RESOURCE_URIS) {
            throw ManagementException.invalid("resource-uris", "at most " + MAX_RESOURCE_URIS + " characters together");
        }
        if (uris.stream().distinct().count() != uris.size()) {
            throw ManagementException.invalid("resource-uris", "must not repeat a URI");
        }
    }

    private static void checkAlgorithm(String field, @Nullable String name) {
        if (name != null && PhoenixJwsAlgorithms.from(name).isEmpty()) {
            throw ManagementException.invalid(
                    field, "'" + name + "' is not supported (supported: " + PhoenixJwsAlgorithms.NAMES + ")");
        }
    }
}
