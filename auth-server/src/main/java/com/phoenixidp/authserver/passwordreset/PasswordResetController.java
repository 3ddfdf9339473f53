package com.phoenixidp.authserver.passwordreset;

import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.user.PasswordPolicy;
import com.phoenixidp.authserver.user.PhoenixUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The forgotten-password pages (plain forms with CSRF tokens): {@code /forgot-password} asks for
 * an address and always answers the same; {@code /reset-password?token=...}, the link of the
 * mail, sets a new password. Without a mail server ({@code spring.mail.host}) the request form
 * does not exist. The reset page keeps its token out of other sites' reach (no referrer, not
 * cached) and never logs it.
 */
@Controller
public class PasswordResetController {

    /** Open to anyone: the request form and the page a link opens. */
    public static final List<String> PUBLIC_PATHS = List.of("/forgot-password", "/reset-password");

    private final PasswordResetService resets;

    private final PasswordPolicy policy;

    public PasswordResetController(PasswordResetService resets, PasswordPolicy policy) {
        this.resets = resets;
        this.policy = policy;
    }

    @GetMapping("/forgot-password")
    public String requestForm(@RequestParam(name = "sent", required = false) @Nullable String sent, Model model) {
        requireMail();
        model.addAttribute("sent", sent != null);
        model.addAttribute("ttlMinutes", Math.max(1, this.resets.ttl().toMinutes()));
        return "forgot-password";
    }

    /** Same answer for every address, known or not; the work happens after the response. */
    @PostMapping("/forgot-password")
    public String request(@RequestParam(name = "email", defaultValue = "") String email, HttpServletRequest request) {
        requireMail();
        this.resets.request(email, request.getRemoteAddr());
        return "redirect:/forgot-password?sent";
    }

    @GetMapping("/reset-password")
    public String resetForm(
            @RequestParam(name = "token", defaultValue = "") String token, Model model, HttpServletResponse response) {
        keepTokenPrivate(response);
        Optional<PhoenixUser> account = this.resets.usableAccount(token);
        return page(model, account.isPresent() ? token : null, account.map(PhoenixUser::username), null);
    }

    @PostMapping("/reset-password")
    public String reset(
            @RequestParam(name = "token", defaultValue = "") String token,
            @RequestParam(name = "new-password", defaultValue = "") String newPassword,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        keepTokenPrivate(response);
        try {
            this.resets.complete(token, newPassword, request.getRemoteAddr());
            return "redirect:/login?reset";
        } catch (InvalidResetLinkException ex) {
            return page(model, null, Optional.empty(), null);
        } catch (ManagementException ex) {
            Optional<String> username = this.resets.usableAccount(token).map(PhoenixUser::username);
            return page(model, username.isPresent() ? token : null, username, rule(ex));
        }
    }

    private String page(Model model, @Nullable String token, Optional<String> username, @Nullable String error) {
        model.addAttribute("valid", token != null);
        model.addAttribute("token", token);
        model.addAttribute("username", username.orElse(null));
        model.addAttribute("resetError", error);
        model.addAttribute("forgotPassword", this.resets.available());
        model.addAttribute("passwordMinLength", this.policy.minLength());
        return "reset-password";
    }

    private void requireMail() {
        if (!this.resets.available()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** The token is in the URL: send no Referer from this page and keep it out of caches. */
    private static void keepTokenPrivate(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }

    private static String rule(ManagementException ex) {
        String message = ex.getMessage();
        String field = ex.field();
        if (field != null && message.startsWith(field + ": ")) {
            message = message.substring(field.length() + 2);
        }
        return "New password: " + message + ".";
    }
}
