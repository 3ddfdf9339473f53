package com.phoenixidp.authserver.web;

import com.phoenixidp.authserver.federation.UpstreamProviders;
import com.phoenixidp.authserver.passwordreset.PasswordResetService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (plain HTML form; works without JavaScript), with one button per upstream
 * identity provider, and the forgotten-password link only when a mail server is configured.
 * {@code error} says what failed: empty for a password, {@code directory} when the LDAP directory
 * could not be reached, {@code federation} for an upstream sign-in.
 */
@Controller
public class LoginController {

    private final PasswordResetService passwordResets;

    private final UpstreamProviders upstreamProviders;

    public LoginController(PasswordResetService passwordResets, UpstreamProviders upstreamProviders) {
        this.passwordResets = passwordResets;
        this.upstreamProviders = upstreamProviders;
    }

    @GetMapping("/login")
    public String login(
            @RequestParam(name = "error", required = false) @Nullable String error,
            @RequestParam(name = "logout", required = false) @Nullable String logout,
            @RequestParam(name = "reset", required = false) @Nullable String reset,
            Model model) {
        boolean directory = "directory".equals(error);
        boolean federation = "federation".equals(error);
        model.addAttribute("error", error != null && !directory && !federation);
        model.addAttribute("directoryUnavailable", directory);
        model.addAttribute("federationFailed", federation);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("passwordReset", reset != null);
        model.addAttribute("forgotPassword", this.passwordResets.available());
        model.addAttribute("identityProviders", this.upstreamProviders.options());
        return "login";
    }
}
