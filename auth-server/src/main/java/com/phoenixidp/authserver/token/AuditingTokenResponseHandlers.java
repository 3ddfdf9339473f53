package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.audit.AuditLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Token endpoint and revocation endpoint response handlers that add an audit event (client_id,
 * grant, a fingerprint of the token hash; never the token) and then answer as Spring
 * Authorization Server does by default (RFC 6749 section 5.1, RFC 7009 section 2.2). A revoked
 * access token, or the access token of a revoked refresh token, also goes on the revocation list
 * resource servers poll ({@link RevokedTokens}).
 */
@Component
public class AuditingTokenResponseHandlers {

    private final AuditLog audit;

    private final OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse =
            new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

    private final OAuth2AuthorizationService authorizations;

    private final RevokedTokens revokedTokens;

    public AuditingTokenResponseHandlers(
            AuditLog audit, OAuth2AuthorizationService authorizations, RevokedTokens revokedTokens) {
        this.audit = audit;
        this.authorizations = authorizations;
        this.revokedTokens = revokedTokens;
    }

    public AuthenticationSuccessHandler tokenIssued() {
        return (request, response, authentication) -> {
            if (authentication instanceof OAuth2AccessTokenAuthenticationToken tokens) {
                OAuth2AccessToken access = tokens.getAccessToken();
                this.audit.event(
                        "token.issued",
                        "client_id",
                        tokens.getRegisteredClient().getClientId(),
                        "grant",
                        request.getParameter("grant_type"),
                        "access_token",
                        TokenHashes.fingerprint(access.getTokenValue()),
                        "refresh_token",
                        (tokens.getRefreshToken() != null) ? "yes" : "no",
                        "scope",
                        String.join(" ", access.getScopes()));
            }
            this.tokenResponse.onAuthenticationSuccess(request, response, authentication);
        };
    }

    public AuthenticationSuccessHandler revoked() {
        return (request, response, authentication) -> {
            if (authentication instanceof OAuth2TokenRevocationAuthenticationToken revocation) {
                if (revocation.isAuthenticated()) {
                    // the provider found the token and invalidated it (with its access token, if a
                    // refresh token): list the authorization's access token
                    this.revokedTokens.revokeAuthorization(
                            this.authorizations.findByToken(revocation.getToken(), null));
                }
                this.audit.event(
                        "token.revoked",
                        "client_id",
                        clientIdOf(revocation),
                        "token",
                        TokenHashes.fingerprint(revocation.getToken()));
            }
            ok(response);
        };
    }

    private static String clientIdOf(Authentication revocation) {
        Object principal = revocation.getPrincipal();
        if (principal instanceof Authentication client) {
            return client.getName();
        }
        return String.valueOf(principal);
    }

    private static void ok(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.OK.value());
    }
}
