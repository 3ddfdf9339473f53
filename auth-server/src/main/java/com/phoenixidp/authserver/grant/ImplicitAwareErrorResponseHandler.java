package com.phoenixidp.authserver.grant;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;

/**
 * Authorization endpoint errors: implicit-grant errors with a verified redirect URI go to the
 * client in the fragment (RFC 6749 section 4.2.2.1) with the RFC 9207 {@code iss}; everything else (including implicit errors
 * without a verified redirect URI, shown as the error page) is handled by {@code delegate}.
 */
public final class ImplicitAwareErrorResponseHandler implements AuthenticationFailureHandler {

    private final RedirectStrategy redirectStrategy = new DefaultRedirectStrategy();

    private final AuthenticationFailureHandler delegate;

    private final String issuer;

    public ImplicitAwareErrorResponseHandler(AuthenticationFailureHandler delegate, String issuer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        if (!(exception instanceof ImplicitAuthorizationException implicit)) {
            this.delegate.onAuthenticationFailure(request, response, exception);
            return;
        }
        if (implicit.getRedirectUri() == null) {
            // no verified redirect URI: the error page, never a redirect (RFC 6749 4.2.2.1)
            this.delegate.onAuthenticationFailure(
                    request,
                    response,
                    new OAuth2AuthorizationCodeRequestAuthenticationException(implicit.getError(), null));
            return;
        }
        OAuth2Error error = implicit.getError();
        StringBuilder fragment = new StringBuilder();
        AuthorizationResponseHandler.append(fragment, "error", error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            AuthorizationResponseHandler.append(fragment, "error_description", error.getDescription());
        }
        if (StringUtils.hasText(error.getUri())) {
            AuthorizationResponseHandler.append(fragment, "error_uri", error.getUri());
        }
        if (StringUtils.hasText(implicit.getState())) {
            AuthorizationResponseHandler.append(fragment, "state", implicit.getState());
        }
        AuthorizationResponseHandler.append(fragment, AuthorizationResponseHandler.ISS, this.issuer);
        this.redirectStrategy.sendRedirect(request, response, implicit.getRedirectUri() + "#" + fragment);
    }
}
