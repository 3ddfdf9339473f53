package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.client.ClientDefinition;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the console's client form posts: the editable part of a client (RFC 7591 client metadata
 * by the bootstrap names). Lists are typed one value per line, or separated by commas or spaces.
 */
public record ClientForm(
        String clientId,
        String clientName,
        String redirectUris,
        String postLogoutRedirectUris,
        @Nullable List<String> grantTypes,
        @Nullable List<String> authMethods,
        String scopes,
        String jwkSetUri,
        boolean requireConsent,
        boolean requirePkce) {

    static ClientForm blank() {
        return new ClientForm(
                "",
                "",
                "",
                "",
                List.of("authorization_code", "refresh_token"),
                List.of("client_secret_basic"),
                "openid profile",
                "",
                true,
                true);
    }

    static ClientForm of(ClientDefinition d) {
        return new ClientForm(
                nullToEmpty(d.getClientId()),
                nullToEmpty(d.getClientName()),
                String.join("\n", d.getRedirectUris()),
                String.join("\n", d.getPostLogoutRedirectUris()),
                d.getGrantTypes(),
                d.getAuthMethods(),
                String.join(" ", d.getScopes()),
                nullToEmpty(d.getJwkSetUri()),
                d.isRequireConsent(),
                d.isRequirePkce());
    }

    /** Applies the form to a definition (the fields the form does not show are kept). */
    ClientDefinition applyTo(ClientDefinition d) {
        d.setClientName(blankToNull(this.clientName));
        d.setRedirectUris(split(this.redirectUris));
        d.setPostLogoutRedirectUris(split(this.postLogoutRedirectUris));
        d.setGrantTypes((this.grantTypes != null) ? this.grantTypes : List.of());
        d.setAuthMethods((this.authMethods != null) ? this.authMethods : List.of());
        d.setScopes(split(this.scopes));
        d.setJwkSetUri(blankToNull(this.jwkSetUri));
        d.setRequireConsent(this.requireConsent);
        d.setRequirePkce(this.requirePkce);
        return d;
    }

    /** Lines, commas or spaces separate the values of a list field. */
    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,]+"))
                .map(String::trim)
                .filter((s) -> !s.isEmpty())
                .distinct()
                .toList();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }

    private static String nullToEmpty(@Nullable String value) {
        return (value == null) ? "" : value;
    }
}
