package com.phoenixidp.authserver.token;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization endpoint errors (RFC 6749 section 4.1.2.1): when the client or its redirect URI
 * cannot be trusted (unknown client_id, unregistered or mismatched redirect_uri) the user gets an
 * error page and is never redirected; otherwise the error goes back to the client's registered
 * redirect URI with {@code error}, {@code error_description}, {@code state} and the RFC 9207
 * {@code iss} (section 2: error responses carry it too).
 */
public final class AuthorizationErrorPageHandler implements AuthenticationFailureHandler {

    private final RedirectStrategy redirectStrategy = new DefaultRedirectStrategy();

    private final String issuer;

    public AuthorizationErrorPageHandler(String issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth)
                ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest = null;
        if (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeException) {
            authorizationRequest = codeException.getAuthorizationCodeRequestAuthentication();
        }
        if (authorizationRequest == null || !StringUtils.hasText(authorizationRequest.getRedirectUri())) {
            renderErrorPage(response, error);
            return;
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(authorizationRequest.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            uri.queryParam(
                    OAuth2ParameterNames.ERROR_DESCRIPTION,
                    UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(error.getUri())) {
            uri.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(authorizationRequest.getState())) {
            uri.queryParam(
                    OAuth2ParameterNames.STATE,
                    UriUtils.encode(authorizationRequest.getState(), StandardCharsets.UTF_8));
        }
        uri.queryParam("iss", UriUtils.encode(this.issuer, StandardCharsets.UTF_8));
        this.redirectStrategy.sendRedirect(request, response, uri.build(true).toUriString());
    }

    private static void renderErrorPage(HttpServletResponse response, OAuth2Error error) throws IOException {
        String code = HtmlUtils.htmlEscape(error.getErrorCode());
        String description = StringUtils.hasText(error.getDescription())
                ? HtmlUtils.htmlEscape(error.getDescription())
                : "The authorization request is invalid.";
        String html = """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>Sign-in request rejected - Phoenix IdP</title>
				<link rel="stylesheet" href="/css/phoenix.css"></head>
				<body><main class="card">
				<h1>This sign-in request was rejected</h1>
				<p id="error-code"><code>%s</code></p>
				<p id="error-description">%s</p>
				<p>The application that sent you here is not registered with this identity provider, or asked
				to send you to an address it has not registered. You were not redirected, for your safety.
				Please contact the application's administrator.</p>
				</main></body></html>
				""".formatted(code, description);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(html);
    }
}
