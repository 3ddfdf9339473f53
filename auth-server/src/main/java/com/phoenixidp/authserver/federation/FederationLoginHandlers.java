package com.phoenixidp.authserver.federation;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.PhoenixUserDetailsService;
import com.phoenixidp.authserver.user.UserRepository;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * What happens after the upstream round trip. Success: the upstream authentication (which holds
 * the upstream's ID token) is replaced in the session by a sign-in of the LOCAL user, of the same
 * type as a password sign-in, and the password form's success handler takes over (second factor
 * for {@code mfa=passkey} users, then the saved request: the client's pending authorization
 * request). Upstream tokens are not kept. Failure: back to the sign-in page with one message; the
 * reason goes to the audit stream and the log.
 */
public final class FederationLoginHandlers {

    /** The sign-in page after a failed upstream sign-in. */
    public static final String FAILURE_URL = "/login?error=federation";

    private static final Logger LOG = LoggerFactory.getLogger(FederationLoginHandlers.class);

    private final UserRepository users;

    private final AuthenticationSuccessHandler next;

    private final AuditLog audit;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private final SecurityContextRepository contextRepository = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    /** {@code next}: the password form's success handler (second factor, saved request). */
    public FederationLoginHandlers(UserRepository users, AuthenticationSuccessHandler next, AuditLog audit) {
        this.users = users;
        this.next = next;
        this.audit = audit;
    }

    public AuthenticationSuccessHandler success() {
        return this::onSuccess;
    }

    public AuthenticationFailureHandler failure() {
        return this::onFailure;
    }

    private void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication upstream)
            throws IOException, ServletException {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) upstream;
        String alias = token.getAuthorizedClientRegistrationId();
        PhoenixUser user = this.users.findByUsername(token.getName()).orElse(null);
        if (user == null || !user.enabled()) {
            onFailure(request, response, FederatedAccounts.refused("account_disabled"));
            return;
        }
        List<GrantedAuthority> authorities = new ArrayList<>(PhoenixUserDetailsService.authoritiesOf(user));
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY));
        User principal = new User(user.username(), "", authorities);
        principal.eraseCredentials();
        UsernamePasswordAuthenticationToken local =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        local.setDetails(this.details.buildDetails(request));
        SecurityContext context = this.contexts.createEmptyContext();
        context.setAuthentication(local);
        this.contexts.setContext(context);
        this.contextRepository.saveContext(context, request, response);
        this.audit.event(
                "login.succeeded",
                "username",
                user.username(),
                "method",
                "federation",
                "provider",
                alias,
                "address",
                request.getRemoteAddr());
        this.next.onAuthenticationSuccess(request, response, local);
    }

    private void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        String reason = reasonOf(ex);
        String alias = aliasOf(request);
        LOG.info("Sign-in through upstream provider {} failed: {}", alias, describe(ex));
        this.audit.event(
                "login.failed",
                "method",
                "federation",
                "provider",
                alias,
                "reason",
                reason,
                "address",
                request.getRemoteAddr());
        response.sendRedirect(request.getContextPath() + FAILURE_URL);
    }

    /** The OAuth 2.0 error code (and, for an invalid ID token, which claims were wrong). */
    static String reasonOf(AuthenticationException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UpstreamUnavailableException) {
                return "provider_unavailable";
            }
            // Spring Security's (package-private) InvalidClientRegistrationIdException: no such alias
            if (cause.getClass().getSimpleName().equals("InvalidClientRegistrationIdException")) {
                return "unknown_provider";
            }
        }
        if (ex instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            String description = oauth.getError().getDescription();
            if ("invalid_id_token".equals(code) && description != null) {
                StringBuilder claims = new StringBuilder();
                for (String claim : new String[] {"iss", "aud", "azp", "exp", "iat", "nonce", "sub"}) {
                    if (description.contains(claim + "=") || description.contains(claim + " ")) {
                        claims.append(claims.length() > 0 ? "," : "").append(claim);
                    }
                }
                return claims.length() > 0 ? code + ":" + claims : code;
            }
            return code;
        }
        Throwable cause = ex.getCause();
        return (cause != null)
                ? cause.getClass().getSimpleName()
                : ex.getClass().getSimpleName();
    }

    private static @Nullable String describe(AuthenticationException ex) {
        if (ex.getCause() != null && !(ex.getCause() instanceof OAuth2AuthenticationException)) {
            return ex.getCause().getMessage();
        }
        if (ex instanceof OAuth2AuthenticationException oauth) {
            return oauth.getError().toString();
        }
        return (ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage();
    }

    /** The alias from the callback or start path, for the log; "-" when neither. */
    private static String aliasOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        for (String base : new String[] {UpstreamProviders.REDIRECT_PATH, UpstreamProviders.START_PATH}) {
            int at = path.indexOf(base);
            if (at >= 0) {
                String alias = path.substring(at + base.length());
                return alias.matches("[a-z0-9_-]{1,64}") ? alias : "-";
            }
        }
        return "-";
    }
}
