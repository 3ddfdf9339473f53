package com.phoenixidp.samples.cli;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a token response says about the signed-in identity, for display: the claims of the ID token
 * when {@code openid} was granted, else of the JWT access token. The tokens came straight from the
 * token endpoint over HTTP(S), so they are decoded, not verified here (an API verifies them).
 */
public record TokenInfo(
        String username,
        String subject,
        String scope,
        @Nullable Object expiresIn,
        boolean refreshToken,
        Map<String, Object> accessTokenClaims) {

    public static TokenInfo of(OAuthHttp.Answer tokens) {
        Map<String, Object> access = claims(tokens.string("access_token"));
        Map<String, Object> id = (tokens.string("id_token") != null) ? claims(tokens.string("id_token")) : Map.of();
        Map<String, Object> identity = id.isEmpty() ? access : id;
        Object subject = identity.get("sub");
        Object username = identity.get("preferred_username");
        if (username == null) {
            username = identity.get("username");
        }
        if (username == null) {
            // Phoenix uses the username as the subject of tokens issued to a user
            username = subject;
        }
        String scope = tokens.string("scope");
        if (scope == null && access.get("scope") != null) {
            scope = access.get("scope").toString();
        }
        return new TokenInfo(
                str(username),
                str(subject),
                (scope != null) ? scope : "",
                tokens.json().get("expires_in"),
                tokens.string("refresh_token") != null,
                access);
    }

    /**
     * Prints the identity, scopes and lifetime under {@code heading}; the access token itself only
     * when asked for ({@code --print-token}), never the refresh token.
     */
    public void print(java.io.PrintWriter out, String heading, @Nullable String accessToken, boolean printToken) {
        out.println(heading);
        out.println("  Username: " + this.username);
        out.println("  Subject:  " + this.subject);
        out.println("  Scopes:   " + this.scope);
        out.println("  Access token expires in " + this.expiresIn + " s"
                + (this.refreshToken ? "; a refresh token was issued (not shown)" : ""));
        if (printToken) {
            out.println("  Access token: " + accessToken);
        }
    }

    private static String str(@Nullable Object value) {
        return (value != null) ? value.toString() : "(unknown)";
    }

    /** The claims of a JWT (empty if the token is opaque). */
    public static Map<String, Object> claims(@Nullable String jwt) {
        if (jwt == null) {
            return Map.of();
        }
        try {
            return JWTParser.parse(jwt).getJWTClaimsSet().toJSONObject();
        } catch (ParseException ex) {
            return Map.of();
        }
    }
}
