package com.phoenixidp.authserver.account;

import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The self-service forms of the account page (plain form posts with CSRF tokens; they work
 * without JavaScript): change the password, sign out the other sessions, take back an app's
 * access. Each one translates the form and calls the service layer, where the rules live
 * ({@link UserService}, {@link ConnectedApps}); the outcome is shown on {@code /account}.
 */
@Controller
public class AccountSettingsController {

    private final UserService users;

    private final ConnectedApps apps;

    public AccountSettingsController(UserService users, ConnectedApps apps) {
        this.users = users;
        this.apps = apps;
    }

    @PostMapping("/account/password")
    public String changePassword(
            @RequestParam(name = "current-password", defaultValue = "") String currentPassword,
            @RequestParam(name = "new-password", defaultValue = "") String newPassword,
            Principal principal,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Optional<PhoenixUser> user = signedIn(principal);
        HttpSession session = request.getSession(false);
        if (user.isEmpty() || session == null) {
            return "redirect:/login";
        }
        try {
            this.users.changeOwnPassword(
                    user.get().id(), currentPassword, newPassword, session.getId(), actor(user.get(), request));
            flash.addFlashAttribute("passwordChanged", true);
        } catch (ManagementException ex) {
            flash.addFlashAttribute("passwordError", describe(ex));
        }
        return "redirect:/account";
    }

    @PostMapping("/account/sessions/logout-others")
    public String logoutOtherSessions(Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        Optional<PhoenixUser> user = signedIn(principal);
        HttpSession session = request.getSession(false);
        if (user.isEmpty() || session == null) {
            return "redirect:/login";
        }
        int ended = this.users.logoutOtherSessions(user.get().id(), session.getId(), actor(user.get(), request));
        flash.addFlashAttribute("sessionsEnded", ended);
        return "redirect:/account";
    }

    @PostMapping("/account/apps/revoke")
    public String revokeApp(
            @RequestParam(name = "client_id", defaultValue = "") String clientId,
            Principal principal,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Optional<PhoenixUser> user = signedIn(principal);
        if (user.isEmpty()) {
            return "redirect:/login";
        }
        if (this.apps.revoke(user.get().username(), clientId, actor(user.get(), request))) {
            flash.addFlashAttribute("appRevoked", clientId);
        }
        return "redirect:/account";
    }

    private Optional<PhoenixUser> signedIn(Principal principal) {
        return (principal != null) ? this.users.findByUsername(principal.getName()) : Optional.empty();
    }

    private static Actor actor(PhoenixUser user, HttpServletRequest request) {
        return new Actor(user.username(), "account", request.getRemoteAddr());
    }

    /** The service's rule, worded for the form ("New password: must be at least 8 characters"). */
    static String describe(ManagementException ex) {
        String message = ex.getMessage();
        String field = ex.field();
        if (field != null && message.startsWith(field + ": ")) {
            message = message.substring(field.length() + 2);
        }
        String label = "currentPassword".equals(field) ? "Current password" : "New password";
        return label + ": " + message + ".";
    }
}
