package com.phoenixidp.authserver.grant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's success response. Code responses carry {@code code} and
 * {@code state} in the query (RFC 6749 section 4.1.2), as Spring Authorization Server's
 * {@code OAuth2AuthorizationEndpointFilter#sendAuthorizationResponse} writes them, plus the RFC
 * 9207 {@code iss} (section 2: in every authorization response, so a client using several
 * servers can tell which one answered: mix-up defence). Implicit-grant results carry the access
 * token and {@code iss} in the redirect URI fragment (RFC 6749 section 4.2.2) or send the user to
 * the consent page first.
 */
public final class AuthorizationResponseHandler implements AuthenticationSuccessHandler {

    private final RedirectStrategy redirectStrategy = new DefaultRedirectStrategy();

    /** RFC 9207 section 2: the authorization response parameter naming this server. */
    static final String ISS = "iss";

    private final String consentPage;

    private final String issuer;

    public AuthorizationResponseHandler(String consentPage, String issuer) {
        this.consentPage = consentPage;
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (authentication instanceof ImplicitAuthorizationAuthenticationToken implicit) {
            if (implicit.getConsentState() != null) {
                sendToConsent(request, response, implicit);
            } else {
                sendImplicitResponse(request, response, implicit);
            }
            return;
        }
        OAuth2AuthorizationCodeRequestAuthenticationToken code =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        com.phoenixidp.authserver.session.UserSessions.recordClient(request, code.getClientId());
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(code.getRedirectUri())
                .queryParam(
                        OAuth2ParameterNames.CODE, code.getAuthorizationCode().getTokenValue());
        if (StringUtils.hasText(code.getState())) {
            uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(code.getState(), StandardCharsets.UTF_8));
        }
        uri.queryParam(ISS, UriUtils.encode(this.issuer, StandardCharsets.UTF_8));
        this.redirectStrategy.sendRedirect(request, response, uri.build(true).toUriString());
    }

    private void sendToConsent(
            HttpServletRequest request, HttpServletResponse response, ImplicitAuthorizationAuthenticationToken implicit)
            throws IOException {
        String uri = UriComponentsBuilder.fromPath(this.consentPage)
                .queryParam(OAuth2ParameterNames.SCOPE, String.join(" ", implicit.getScopes()))
                .queryParam(OAuth2ParameterNames.CLIENT_ID, implicit.getClientId())
                .queryParam(OAuth2ParameterNames.STATE, implicit.getConsentState())
                .encode()
                .build()
                .toUriString();
        this.redirectStrategy.sendRedirect(request, response, uri);
    }

    private void sendImplicitResponse(
            HttpServletRequest request, HttpServletResponse response, ImplicitAuthorizationAuthenticationToken implicit)
            throws IOException {
        OAuth2AccessToken token = Objects.requireNonNull(
                implicit.getAccessToken(), "an implicit result that needs no consent carries its token");
        StringBuilder fragment = new StringBuilder();
        append(fragment, OAuth2ParameterNames.ACCESS_TOKEN, token.getTokenValue());
        append(fragment, OAuth2ParameterNames.TOKEN_TYPE, token.getTokenType().getValue());
        if (token.getExpiresAt() != null) {
            long seconds = Duration.between(Instant.now(), token.getExpiresAt()).toSeconds();
            append(fragment, OAuth2ParameterNames.EXPIRES_IN, Long.toString(Math.max(seconds, 0)));
        }
        if (!token.getScopes().isEmpty()) {
            append(fragment, OAuth2ParameterNames.SCOPE, String.join(" ", token.getScopes()));
        }
        if (StringUtils.hasText(implicit.getState())) {
            append(fragment, OAuth2ParameterNames.STATE, implicit.getState());
        }
        append(fragment, ISS, this.issuer);
        response.setHeader("Cache-Control", "no-store");
        this.redirectStrategy.sendRedirect(request, response, implicit.getRedirectUri() + "#" + fragment);
    }

    static void append(StringBuilder fragment, String name, String value) {
        if (fragment.length() > 0) {
            fragment.append('&');
        }
        fragment.append(name).append('=').append(UriUtils.encode(value, StandardCharsets.UTF_8));
    }
}
