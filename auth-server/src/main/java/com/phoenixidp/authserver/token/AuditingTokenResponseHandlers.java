package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.observability.PhoenixMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Token endpoint and revocation endpoint response handlers that add an audit event (client_id,
 * grant, a fingerprint of the token hash; never the token) and count it in {@link PhoenixMetrics},
 * then answer as Spring Authorization Server does by default (RFC 6749 section 5.1 and 5.2, RFC
 * 7009 section 2.2). A revoked access token, or the access token of a revoked refresh token, also
 * goes on the revocation list resource servers poll ({@link RevokedTokens}). The error handlers
 * count the RFC error code of token endpoint failures, client authentication failures included.
 */
@Component
public class AuditingTokenResponseHandlers {

    private final AuditLog audit;

    private final PhoenixMetrics metrics;

    private final OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse =
            new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

    private final AuthenticationFailureHandler tokenErrorResponse = new OAuth2ErrorAuthenticationFailureHandler();

    private final OAuth2ErrorHttpMessageConverter errorConverter = new OAuth2ErrorHttpMessageConverter();

    private final OAuth2AuthorizationService authorizations;

    private final RevokedTokens revokedTokens;

    public AuditingTokenResponseHandlers(
            AuditLog audit,
            PhoenixMetrics metrics,
            OAuth2AuthorizationService authorizations,
            RevokedTokens revokedTokens) {
        this.audit = audit;
        this.metrics = metrics;
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
                this.metrics.tokenIssued(
                        request.getParameter("grant_type"),
                        tokens.getRegisteredClient().getClientId());
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
                    this.metrics.revoked(PhoenixMetrics.RevocationKind.TOKEN);
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

    /** The token endpoint's error answer (Spring Authorization Server's), counted by error code. */
    public AuthenticationFailureHandler tokenError() {
        return (request, response, exception) -> {
            this.metrics.tokenError(errorCode(exception));
            this.tokenErrorResponse.onAuthenticationFailure(request, response, exception);
        };
    }

    /**
     * Client authentication failures (token, introspection, revocation endpoints), answered as
     * Spring Authorization Server's client authentication filter does: 401 for {@code
     * invalid_client}, else 400, with the error code only (RFC 6749 5.2). Counted when it is the
     * token endpoint's.
     */
    public AuthenticationFailureHandler clientAuthenticationFailed(String tokenEndpoint) {
        return (request, response, exception) -> {
            SecurityContextHolder.clearContext();
            String code = errorCode(exception);
            if (isTokenEndpoint(request, tokenEndpoint)) {
                this.metrics.tokenError(code);
            }
            ServletServerHttpResponse http = new ServletServerHttpResponse(response);
            http.setStatusCode(
                    OAuth2ErrorCodes.INVALID_CLIENT.equals(code) ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
            this.errorConverter.write(new OAuth2Error(code), null, http);
        };
    }

    /** A token request without any client authentication (answered {@code invalid_client}). */
    public void clientAuthenticationMissing(HttpServletRequest request, String tokenEndpoint) {
        if (isTokenEndpoint(request, tokenEndpoint)) {
            this.metrics.tokenError(OAuth2ErrorCodes.INVALID_CLIENT);
        }
    }

    private static boolean isTokenEndpoint(HttpServletRequest request, String tokenEndpoint) {
        return tokenEndpoint.equals(
                request.getRequestURI().substring(request.getContextPath().length()));
    }

    private static String errorCode(AuthenticationException exception) {
        return (exception instanceof OAuth2AuthenticationException oauth2)
                ? oauth2.getError().getErrorCode()
                : OAuth2ErrorCodes.SERVER_ERROR;
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
