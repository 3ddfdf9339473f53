package com.phoenixidp.authserver.par;

import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * RFC 9126 section 6 {@code require_pushed_authorization_requests} per client: an authorization
 * request of such a client must come as a {@code request_uri} from the PAR endpoint; a plain one
 * is {@code invalid_request}, sent back to the client (its redirect URI was checked first).
 * <p>
 * An authorization request validator, so that Spring Authorization Server applies it before the
 * user is asked to sign in; it validates a plain request where it arrives and a pushed one when
 * its {@code request_uri} is redeemed, with the same parameters, so the check looks at the HTTP
 * request itself (Spring's {@code RequestContextHolder}) for the {@code request_uri}.
 */
final class PushedAuthorizationRequired implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        if (!PhoenixClientSettings.requiresPushedAuthorizationRequests(context.getRegisteredClient())
                || cameWithRequestUri()) {
            return;
        }
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_REQUEST,
                        "This client must push its authorization requests (request_uri).",
                        "https://datatracker.ietf.org/doc/html/rfc9126#section-6"),
                request);
    }

    private static boolean cameWithRequestUri() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return false; // no HTTP request to look at: refuse (fail closed)
        }
        HttpServletRequest request = servlet.getRequest();
        String requestUri = request.getParameter(OAuth2ParameterNames.REQUEST_URI);
        return requestUri != null && !requestUri.isBlank();
    }
}
