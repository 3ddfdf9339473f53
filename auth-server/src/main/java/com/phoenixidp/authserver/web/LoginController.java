package com.phoenixidp.authserver.web;

import com.phoenixidp.authserver.passwordreset.PasswordResetService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (plain HTML form; works without JavaScript). It offers the forgotten-password
 * link only when a mail server is configured.
 */
@Controller
public class LoginController {

    private final PasswordResetService passwordResets;

    public LoginController(PasswordResetService passwordResets) {
        this.passwordResets = passwordResets;
    }

    @GetMapping("/login")
    public String login(
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "logout", required = false) String logout,
            @RequestParam(name = "reset", required = false) String reset,
            Model model) {
        model.addAttribute("error", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("passwordReset", reset != null);
        model.addAttribute("forgotPassword", this.passwordResets.available());
        return "login";
    }
}
