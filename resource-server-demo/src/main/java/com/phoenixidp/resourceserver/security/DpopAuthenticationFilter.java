package com.phoenixidp.resourceserver.security;

import com.phoenixidp.resourceserver.dpop.DpopTokenAuthenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: DPoP <token>} with a {@code DPoP} proof header (RFC 9449 section 7): reads
 * the request (token, proofs, method, the URI the client addressed — {@code external-url} plus the
 * path when configured, else the request's own) and hands it to the {@link DpopTokenAuthenticator};
 * the resulting authentication is the same as for a bearer token (scopes, roles, the {@link Jwt}).
 * Requests with another scheme pass untouched. Used instead of Spring Security's built-in DPoP
 * support so the proof's {@code htu} can honour the external URL, the replay cache is bounded, and
 * the challenges name both schemes ({@link AccessTokenChallenges}).
 */
final class DpopAuthenticationFilter extends OncePerRequestFilter {

    private static final String PREFIX = AccessTokenChallenges.DPOP + " ";

    private final DpopTokenAuthenticator authenticator;

    private final Converter<Jwt, ? extends AbstractAuthenticationToken> authentication;

    private final AuthenticationEntryPoint entryPoint;

    private final @Nullable String externalUrl;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    DpopAuthenticationFilter(
            DpopTokenAuthenticator authenticator,
            Converter<Jwt, ? extends AbstractAuthenticationToken> authentication,
            AuthenticationEntryPoint entryPoint,
            @Nullable URI externalUrl) {
        this.authenticator = authenticator;
        this.authentication = authentication;
        this.entryPoint = entryPoint;
        String base = (externalUrl != null) ? externalUrl.toString() : null;
        this.externalUrl = (base != null && base.endsWith("/")) ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            String token = authorization.substring(PREFIX.length()).trim();
            if (!FastPathHeaders.HeaderBearerTokenResolver.isB64Token(token)) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error("invalid_token", "DPoP access token is malformed", null));
            }
            List<String> proofs = Collections.list(request.getHeaders(AccessTokenChallenges.DPOP));
            Jwt jwt = this.authenticator.authenticate(token, proofs, request.getMethod(), addressedUri(request));
            SecurityContext context = this.contexts.createEmptyContext();
            context.setAuthentication(this.authentication.convert(jwt));
            this.contexts.setContext(context);
            this.repository.saveContext(context, request, response);
        } catch (OAuth2AuthenticationException ex) {
            this.contexts.clearContext();
            this.entryPoint.commence(request, response, ex);
            return;
        }
        chain.doFilter(request, response);
    }

    /** RFC 9449 section 4.3 step 9: the URI the request was sent to, without query. */
    private URI addressedUri(HttpServletRequest request) {
        String base = (this.externalUrl != null)
                ? this.externalUrl
                : request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        try {
            return URI.create(base + request.getRequestURI());
        } catch (IllegalArgumentException ex) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    DpopTokenAuthenticator.INVALID_DPOP_PROOF, "The request URI cannot be compared with htu", null));
        }
    }
}
