package com.phoenixidp.authserver.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * The browser sessions of each user, kept in the database by Spring Session JDBC, so listing or
 * ending them works on every node at once: an admin's force sign-out, a disabled or deleted
 * user, a password change that ends the user's other sessions. Sessions carry, as attributes,
 * the address and user agent they signed in from and the clients they signed in to.
 */
@Component
public class UserSessions {

    /** Session attribute: the client address at sign-in. */
    public static final String ADDRESS = "phoenix.session.address";

    /** Session attribute: the browser's User-Agent at sign-in (at most 200 characters). */
    public static final String USER_AGENT = "phoenix.session.user-agent";

    /** Session attribute: the client ids this session signed in to (comma-separated). */
    public static final String CLIENTS = "phoenix.session.clients";

    /** Session attribute: the OpenID Connect session id ({@code sid}) of this sign-in. */
    public static final String SID = "phoenix.session.sid";

    /** What a {@code sid} looks like: 32 random bytes, base64url (never a session id, which is a UUID). */
    private static final Pattern SID_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    private final ObjectProvider<SessionEndListener> listeners;

    public UserSessions(
            FindByIndexNameSessionRepository<? extends Session> sessions,
            ObjectProvider<SessionEndListener> listeners) {
        this.sessions = sessions;
        this.listeners = listeners;
    }

    /** The user's live sessions, most recently used first. */
    public List<SessionInfo> list(String username) {
        List<SessionInfo> result = new ArrayList<>();
        for (Session session : byUser(username)) {
            result.add(new SessionInfo(
                    reference(session.getId()),
                    session.getCreationTime(),
                    session.getLastAccessedTime(),
                    session.getAttribute(ADDRESS),
                    session.getAttribute(USER_AGENT),
                    clientsOf(session.getAttribute(CLIENTS))));
        }
        result.sort(Comparator.comparing(SessionInfo::lastSeen).reversed());
        return result;
    }

    /** Ends every session of the user; returns how many. */
    public int endAll(String username) {
        return endAllExcept(username, null);
    }

    /** Ends every session of the user but the one with this (real) session id; returns how many. */
    public int endAllExcept(String username, @Nullable String keepSessionId) {
        List<Session> ending = new ArrayList<>();
        for (Session session : byUser(username)) {
            if (!session.getId().equals(keepSessionId)) {
                ending.add(session);
            }
        }
        end(username, ending);
        return ending.size();
    }

    /** Ends one session of the user, named by its {@link SessionInfo#id() reference}. */
    public boolean end(String username, String reference) {
        for (Session session : byUser(username)) {
            if (reference(session.getId()).equals(reference)) {
                end(username, List.of(session));
                return true;
            }
        }
        return false;
    }

    /**
     * Announces that the browser's own session is ending (sign-out, RP-initiated logout); the
     * caller then invalidates it.
     */
    public void ending(String username, HttpSession session) {
        if (session == null || username == null) {
            return;
        }
        announce(List.of(new EndedSession(
                username, (String) session.getAttribute(SID), clientsOf((String) session.getAttribute(CLIENTS)))));
    }

    private void end(String username, List<Session> ending) {
        if (ending.isEmpty()) {
            return;
        }
        announce(ending.stream()
                .map((s) -> new EndedSession(username, s.getAttribute(SID), clientsOf(s.getAttribute(CLIENTS))))
                .toList());
        for (Session session : ending) {
            this.sessions.deleteById(session.getId());
        }
    }

    private void announce(List<EndedSession> ended) {
        this.listeners.orderedStream().forEach((listener) -> listener.sessionsEnding(ended));
    }

    /** The reference under which a session is shown: a hash of its id, never the id itself. */
    public static String reference(String sessionId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 22);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is always available", ex);
        }
    }

    /**
     * Remembers where a sign-in came from (password or passkey, at the moment it completes) and
     * its {@code sid}, which the authentication's details carry ({@link SignInDetailsSource}); a
     * new sign-in in the same browser session starts with no clients.
     */
    public static void recordSignIn(HttpServletRequest request, HttpSession session, Authentication authentication) {
        session.setAttribute(ADDRESS, request.getRemoteAddr());
        String agent = request.getHeader("User-Agent");
        session.setAttribute(USER_AGENT, (agent == null) ? "" : agent.substring(0, Math.min(agent.length(), 200)));
        String sid = sidOf(authentication);
        if (sid != null && !sid.equals(session.getAttribute(SID))) {
            session.setAttribute(SID, sid);
            session.removeAttribute(CLIENTS);
        }
    }

    /**
     * The {@code sid} of the sign-in that produced this authentication (OpenID Connect Front- and
     * Back-Channel Logout): kept in the {@link WebAuthenticationDetails}' session id field by
     * {@link SignInDetailsSource}, so that it travels with the authentication into every
     * authorization (and from there into ID tokens) as a type Spring Authorization Server already
     * stores. Null for authentications made another way (or before sids existed).
     */
    public static @Nullable String sidOf(Authentication authentication) {
        if (authentication != null
                && authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getSessionId() != null
                && SID_FORMAT.matcher(details.getSessionId()).matches()) {
            return details.getSessionId();
        }
        return null;
    }

    /** A new random {@code sid}: 32 bytes, base64url without padding. */
    static String newSid(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Remembers that this session signed in to {@code clientId} (authorization response). */
    public static void recordClient(HttpServletRequest request, String clientId) {
        HttpSession session = request.getSession(false);
        if (session == null || clientId == null) {
            return;
        }
        Set<String> clients = new LinkedHashSet<>(clientsOf((String) session.getAttribute(CLIENTS)));
        if (clients.add(clientId) && clients.size() <= 50) {
            session.setAttribute(CLIENTS, String.join(",", clients));
        }
    }

    private Collection<? extends Session> byUser(String username) {
        Map<String, ? extends Session> found = this.sessions.findByPrincipalName(username);
        return found.values();
    }

    private static List<String> clientsOf(String value) {
        return (value == null || value.isEmpty()) ? List.of() : List.of(value.split(","));
    }
}
