package com.phoenixidp.authserver.account;

import com.phoenixidp.authserver.session.SessionInfo;
import com.phoenixidp.authserver.session.UserSessions;
import com.phoenixidp.authserver.user.PasswordPolicy;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the account page shows a fully signed-in user besides passkeys: the password form's rule
 * (or, for a directory or upstream user without a password here, {@code passwordManagedBy}),
 * the user's signed-in sessions (device, address, last seen; this one marked) and the apps they
 * consented to. The passkey part of the page ({@code passkey.AccountController}) asks for it.
 */
@Component
public class AccountPage {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final UserSessions sessions;

    private final ConnectedApps apps;

    private final PasswordPolicy policy;

    private final UserRepository users;

    public AccountPage(UserSessions sessions, ConnectedApps apps, PasswordPolicy policy, UserRepository users) {
        this.sessions = sessions;
        this.apps = apps;
        this.policy = policy;
        this.users = users;
    }

    /** A session line: never the session id, only what the user recognises. */
    public record SessionView(
            String device, String address, String lastSeen, String signedIn, boolean current, List<String> clients) {

        public SessionView {
            clients = List.copyOf(clients);
        }
    }

    /** Adds {@code sessions}, {@code otherSessions}, {@code apps} and {@code passwordMinLength}. */
    public void addTo(Model model, String username, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String current = (session != null) ? UserSessions.reference(session.getId()) : null;
        List<SessionView> views = new ArrayList<>();
        for (SessionInfo info : this.sessions.list(username)) {
            views.add(new SessionView(
                    DeviceNames.describe(info.userAgent()),
                    (info.address() != null) ? displayAddress(info.address()) : "an unknown address",
                    format(info.lastSeen()),
                    format(info.created()),
                    info.id().equals(current),
                    info.clients()));
        }
        // this session first, then the most recently used
        views.sort(Comparator.comparing((SessionView v) -> !v.current()));
        model.addAttribute("sessions", views);
        model.addAttribute(
                "otherSessions", views.stream().filter((v) -> !v.current()).count());
        model.addAttribute("apps", this.apps.list(username));
        model.addAttribute("passwordMinLength", this.policy.minLength());
        // a directory user's password lives in the directory; an upstream user has none here
        // unless an administrator gave them one
        this.users
                .findByUsername(username)
                .filter((user) -> PhoenixUser.LDAP.equals(user.source())
                        || (!PhoenixUser.LOCAL.equals(user.source()) && user.passwordHash() == null))
                .ifPresent((user) -> model.addAttribute("passwordManagedBy", user.source()));
    }

    private static String format(Instant instant) {
        return (instant != null) ? TIME.format(instant) : "unknown";
    }

    /** IPv6 addresses as people write them: the longest run of zero groups as {@code ::} (RFC 5952). */
    static String displayAddress(String address) {
        if (!address.contains(":") || address.contains("::")) {
            return address;
        }
        String[] groups = address.split(":", -1);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].matches("0+")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestStart < 0) {
            return address;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
