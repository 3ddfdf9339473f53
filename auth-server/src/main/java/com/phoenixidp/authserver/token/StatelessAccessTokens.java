package com.phoenixidp.authserver.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.StringUtils;

/**
 * Client-credentials access tokens without a database row (as in Keycloak): the JWT is the whole
 * state. Issuing one costs no write, so the token endpoint's rate is bounded by signing, not by
 * the store; a {@code kill -9} cannot lose one, since nothing about it needs to be written.
 * <p>
 * Such a token carries {@code gty: client_credentials} (the grant it came from, as Auth0 names
 * it; signed, so only this server can mint one). Where Spring Authorization Server looks a token
 * up in the store (introspection, RFC 7009 revocation, token exchange, the registration
 * endpoint's initial access token), {@link #find} rebuilds its authorization from the verified
 * JWT, and it is active only while all of these hold:
 * <ul>
 * <li>the signature verifies with a key of this server's JWK set, and it has not expired;</li>
 * <li>its client still exists and is enabled;</li>
 * <li>its {@code jti} is not on the revocation list ({@link RevokedTokens}): RFC 7009 revocation
 * of such a token puts it there ({@link #revoke});</li>
 * <li>it was issued at or after the client's {@code not_before} on the revocation list, which
 * disabling or deleting the client sets ({@link TokenRevocation#revokeClient}): the server no
 * longer knows these tokens one by one, so it revokes them by issue time, as Keycloak's
 * "not before" policy does. Resource servers read the same entry from the published list.</li>
 * </ul>
 * Tokens of other grants (a user's, refresh families, token exchange) and reference (opaque)
 * tokens keep their rows: they need them for refresh, sign-out and consent.
 */
public final class StatelessAccessTokens {

    /** The claim naming the grant an access token was issued by. */
    public static final String GRANT_TYPE_CLAIM = "gty";

    /** The prefix of the id of an authorization rebuilt from a token (never stored). */
    static final String ID_PREFIX = "jwt:";

    private final JwtDecoder decoder;

    private final RegisteredClientRepository clients;

    private final RevokedTokens revoked;

    private final Clock clock;

    public StatelessAccessTokens(
            JWKSource<SecurityContext> keys, RegisteredClientRepository clients, RevokedTokens revoked, Clock clock) {
        this.decoder = AccessTokenDecoder.create(keys);
        this.clients = clients;
        this.revoked = revoked;
        this.clock = clock;
    }

    /**
     * Whether {@code authorization}, about to be saved, is a client-credentials one holding only a
     * self-contained access token marked stateless: it needs no row.
     */
    static boolean isStateless(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        return AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                && access != null
                && authorization.getRefreshToken() == null
                && AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(grantOf(access.getClaims()));
    }

    /** Whether this authorization was rebuilt by {@link #find} (it has no row). */
    static boolean isRebuilt(OAuth2Authorization authorization) {
        return authorization.getId().startsWith(ID_PREFIX);
    }

    /**
     * The authorization of a stateless access token, rebuilt from the token, or null when the
     * value is not one (not a JWT of ours, not marked, expired) or it is no longer active.
     */
    public @Nullable OAuth2Authorization find(String value) {
        if (!looksLikeJwt(value)) {
            return null;
        }
        Jwt jwt;
        try {
            jwt = this.decoder.decode(value);
        } catch (JwtException ex) {
            return null; // not ours, malformed, or refused by the decoder's checks
        }
        Map<String, Object> claims = jwt.getClaims();
        Instant now = this.clock.instant();
        Instant issuedAt = jwt.getIssuedAt();
        Instant expiresAt = jwt.getExpiresAt();
        String clientId = stringClaim(claims, "client_id");
        String jti = jwt.getId();
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(grantOf(claims))
                || clientId == null
                || jti == null
                || issuedAt == null
                || expiresAt == null
                || !now.isBefore(expiresAt)) {
            return null; // the decoder allows a minute of skew after exp: introspection must not
        }
        RegisteredClient client = this.clients.findByClientId(clientId);
        if (client == null || !PhoenixClientSettings.isEnabled(client)) {
            return null;
        }
        if (this.revoked.isRevokedToken(jti) || this.revoked.isRevokedByClient(clientId, issuedAt)) {
            return null;
        }
        Set<String> scopes = scopesOf(claims.get(OAuth2ParameterNames.SCOPE));
        OAuth2AccessToken token = new OAuth2AccessToken(tokenTypeOf(claims), value, issuedAt, expiresAt, scopes);
        return OAuth2Authorization.withRegisteredClient(client)
                .id(ID_PREFIX + jti)
                .principalName(jwt.getSubject() != null ? jwt.getSubject() : clientId)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .authorizedScopes(scopes)
                .token(
                        token,
                        (metadata) ->
                                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, new HashMap<>(claims)))
                .build();
    }

    /** RFC 7009 revocation of a rebuilt authorization's token: its {@code jti} on the list. */
    void revoke(OAuth2Authorization rebuilt) {
        OAuth2Authorization.Token<OAuth2AccessToken> access = rebuilt.getAccessToken();
        if (access != null && access.isInvalidated()) {
            this.revoked.revoke(
                    rebuilt.getId().substring(ID_PREFIX.length()),
                    access.getToken().getExpiresAt());
        }
    }

    private static boolean looksLikeJwt(@Nullable String value) {
        if (value == null || value.length() > 16_384) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '.') {
                dots++;
            }
        }
        return dots == 2;
    }

    private static @Nullable Object grantOf(@Nullable Map<String, Object> claims) {
        return (claims != null) ? claims.get(GRANT_TYPE_CLAIM) : null;
    }

    private static @Nullable String stringClaim(Map<String, Object> claims, String name) {
        return (claims.get(name) instanceof String text && !text.isBlank()) ? text : null;
    }

    /** RFC 9449 6: a token bound to a DPoP key ({@code cnf.jkt}) is of type DPoP. */
    private static OAuth2AccessToken.TokenType tokenTypeOf(Map<String, Object> claims) {
        return (claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jkt") != null)
                ? OAuth2AccessToken.TokenType.DPOP
                : OAuth2AccessToken.TokenType.BEARER;
    }

    private static Set<String> scopesOf(@Nullable Object scope) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scope instanceof String text) {
            for (String s : StringUtils.delimitedListToStringArray(text, " ")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        } else if (scope instanceof Collection<?> list) {
            list.forEach((s) -> scopes.add(String.valueOf(s)));
        }
        return scopes;
    }
}
