package com.phoenixidp.authserver.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * What an authorization looked like when it was read from the store: the row version, the
 * (hashed) value of each token and whether it was invalidated. It travels with the authorization
 * as attribute {@value #ATTRIBUTE} (Spring Authorization Server copies attributes into the
 * authorization it saves back) and is removed before the authorization is stored.
 */
record LoadedAuthorization(long version, List<String> values, List<Boolean> invalidated) {

    static final String ATTRIBUTE = "phoenix.loaded";

    private static final String SEPARATOR = "|";

    LoadedAuthorization {
        values = Collections.unmodifiableList(new ArrayList<>(values));
        invalidated = List.copyOf(invalidated);
    }

    /** How {@code hashed} (as just read, at {@code version}) was loaded. */
    static LoadedAuthorization describe(OAuth2Authorization hashed, long version) {
        List<Boolean> invalidated = new ArrayList<>();
        for (Class<? extends OAuth2Token> type : AuthorizationTokens.TYPES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = hashed.getToken(type);
            invalidated.add(token != null && token.isInvalidated());
        }
        return new LoadedAuthorization(version, AuthorizationTokens.values(hashed), invalidated);
    }

    /** The marker carried by {@code authorization}, or null for one never read from the store. */
    static @Nullable LoadedAuthorization of(OAuth2Authorization authorization) {
        Object marker = authorization.getAttribute(ATTRIBUTE);
        if (!(marker instanceof String text)) {
            return null;
        }
        String[] parts = text.split("\\|", -1);
        int n = AuthorizationTokens.TYPES.size();
        List<String> values = new ArrayList<>(n);
        List<Boolean> invalidated = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(parts[1 + i].isEmpty() ? null : parts[1 + i]);
            invalidated.add(parts[1 + n].charAt(i) == '1');
        }
        return new LoadedAuthorization(Long.parseLong(parts[0]), values, invalidated);
    }

    /** {@code authorization} carrying this marker. */
    static OAuth2Authorization marked(OAuth2Authorization authorization, LoadedAuthorization loaded) {
        return OAuth2Authorization.from(authorization)
                .attribute(ATTRIBUTE, loaded.encode())
                .build();
    }

    /** {@code authorization} without the marker (as it is stored). */
    static OAuth2Authorization unmarked(OAuth2Authorization authorization) {
        if (authorization.getAttribute(ATTRIBUTE) == null) {
            return authorization;
        }
        return OAuth2Authorization.from(authorization)
                .attributes((attributes) -> attributes.remove(ATTRIBUTE))
                .build();
    }

    /** The refresh token's hash as loaded, or null. */
    String refresh() {
        return this.values.get(AuthorizationTokens.TYPES.indexOf(OAuth2RefreshToken.class));
    }

    /** True when {@code changed} invalidates a token that was valid when loaded (a revocation). */
    boolean invalidatesMore(OAuth2Authorization changed) {
        for (int i = 0; i < AuthorizationTokens.TYPES.size(); i++) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = changed.getToken(AuthorizationTokens.TYPES.get(i));
            if (token != null
                    && token.isInvalidated()
                    && (!this.invalidated.get(i)
                            || !Objects.equals(
                                    this.values.get(i), token.getToken().getTokenValue()))) {
                return true;
            }
        }
        return false;
    }

    private String encode() {
        StringBuilder text = new StringBuilder().append(this.version);
        for (String value : this.values) {
            text.append(SEPARATOR).append((value != null) ? value : "");
        }
        text.append(SEPARATOR);
        this.invalidated.forEach((flag) -> text.append(flag ? '1' : '0'));
        return text.toString();
    }
}
