package com.phoenixidp.authserver.passkey;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.PhoenixUserDetailsService;
import com.phoenixidp.authserver.user.UserRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The session side of passkey sign-in: the full sign-in after a passkey ceremony (the same
 * authentication type, session-id change and saved-request redirect as a password login), the
 * "password verified, passkey pending" state of second-factor users, and the ceremony ids kept
 * server-side between the options and result requests.
 *
 * <p>The pending state is a session attribute, not an {@link Authentication}: the security
 * context stays anonymous, so the authorization endpoint (which issues a code to any
 * authenticated principal) sends the browser to the login page instead.
 */
@Component
public class PasskeySignIn {

    /** Where HttpSessionCsrfTokenRepository keeps the token (its default attribute name). */
    private static final String CSRF_TOKEN = HttpSessionCsrfTokenRepository.class.getName() + ".CSRF_TOKEN";

    static final String PENDING = PasskeySignIn.class.getName() + ".PENDING_SECOND_FACTOR";

    static final String LOGIN_CEREMONY = PasskeySignIn.class.getName() + ".LOGIN_CEREMONY";

    static final String REGISTRATION_CEREMONY = PasskeySignIn.class.getName() + ".REGISTRATION_CEREMONY";

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private final UserRepository users;

    private final PasskeyProperties properties;

    private final Clock clock;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private final SecurityContextRepository contextRepository = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    private final RequestCache requestCache = new HttpSessionRequestCache();

    private final com.phoenixidp.authserver.session.SignInDetailsSource details;

    public PasskeySignIn(
            UserRepository users,
            PasskeyProperties properties,
            Clock clock,
            com.phoenixidp.authserver.session.SignInDetailsSource details) {
        this.users = users;
        this.properties = properties;
        this.clock = clock;
        this.details = details;
    }

    /** A user whose password was verified and whose passkey confirmation is outstanding. */
    record PendingSecondFactor(String username, Instant since) implements Serializable {}

    /**
     * Signs the user in: a {@link UsernamePasswordAuthenticationToken} with a {@link User}
     * principal (types the authorization service's JSON mapping already allows) and details with a
     * new {@code sid}, a new session id (session fixation), the context saved in the session. Returns where to go next: the saved
     * request (e.g. the pending authorization request) or the home page.
     */
    String signIn(HttpServletRequest request, HttpServletResponse response, PhoenixUser user, boolean withPassword) {
        List<GrantedAuthority> authorities = new ArrayList<>(PhoenixUserDetailsService.authoritiesOf(user));
        if (withPassword) {
            authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
        }
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY));
        User principal = new User(user.username(), "", authorities);
        principal.eraseCredentials();
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        authentication.setDetails(this.details.buildDetails(request));

        HttpSession session = request.getSession(true);
        session.removeAttribute(PENDING);
        // as after a password login: new session id (fixation) and a fresh CSRF token
        session.removeAttribute(CSRF_TOKEN);
        request.changeSessionId();
        SecurityContext context = this.contexts.createEmptyContext();
        context.setAuthentication(authentication);
        this.contexts.setContext(context);
        this.contextRepository.saveContext(context, request, response);
        com.phoenixidp.authserver.session.UserSessions.recordSignIn(request, session, authentication);
        SavedRequest saved = this.requestCache.getRequest(request, response);
        return (saved != null) ? saved.getRedirectUrl() : "/";
    }

    /** Replaces a password-only sign-in by the pending second-factor state. */
    void startSecondFactor(HttpServletRequest request, HttpServletResponse response, String username) {
        SecurityContext empty = this.contexts.createEmptyContext();
        this.contexts.setContext(empty);
        this.contextRepository.saveContext(empty, request, response);
        HttpSession session = request.getSession(true);
        session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        session.setAttribute(PENDING, new PendingSecondFactor(username, this.clock.instant()));
    }

    /** The user waiting for the passkey step, if any and not timed out. */
    Optional<PhoenixUser> pendingUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof PendingSecondFactor pending)) {
            return Optional.empty();
        }
        if (pending.since().plus(this.properties.getSecondFactorTimeout()).isBefore(this.clock.instant())) {
            session.removeAttribute(PENDING);
            return Optional.empty();
        }
        return this.users.findByUsername(pending.username()).filter(PhoenixUser::enabled);
    }

    /** The fully signed-in user, if any. */
    Optional<PhoenixUser> signedInUser() {
        Authentication authentication = this.contexts.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return this.users.findByUsername(authentication.getName());
    }

    static void remember(HttpServletRequest request, String key, String ceremonyId) {
        request.getSession(true).setAttribute(key, ceremonyId);
    }

    /** The ceremony id stored under {@code key}, removed so that it is used once. */
    static Optional<String> take(HttpServletRequest request, String key) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object value = session.getAttribute(key);
        session.removeAttribute(key);
        return Optional.ofNullable((String) value);
    }

    /** The credential reference ({@link #credentialRef}) named by a response JSON's id, if readable. */
    static @Nullable String credentialRefOf(String responseJson) {
        try {
            String id = JSON.readTree(responseJson).path("rawId").asString("");
            return id.isEmpty() ? null : credentialRef(Base64.getUrlDecoder().decode(id));
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** A short stable identifier of a credential for logs and audit: never the id itself. */
    public static String credentialRef(byte[] credentialId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(credentialId);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
