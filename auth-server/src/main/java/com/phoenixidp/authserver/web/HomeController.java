package com.phoenixidp.authserver.web;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.console.ConsoleSecurityConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page a signed-in user sees when not coming from an application. */
@Controller
public class HomeController {

    private final PhoenixProperties properties;

    public HomeController(PhoenixProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/")
    public String home(Authentication principal, Model model) {
        model.addAttribute("username", principal.getName());
        model.addAttribute(
                "admin",
                principal.getAuthorities().stream()
                        .anyMatch((a) -> ("ROLE_" + ConsoleSecurityConfiguration.ADMIN_ROLE).equals(a.getAuthority())));
        model.addAttribute("issuer", this.properties.getIssuer());
        return "home";
    }
}
