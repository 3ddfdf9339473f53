package com.phoenixidp.authserver.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page (OAuth 2.1 section 4.1.1, OIDC Core 3.1.2.4): lists what the application asks
 * for; approving posts the chosen scopes back to the authorization endpoint, denying posts none
 * (which answers the client with {@code access_denied}).
 */
@Controller
public class ConsentController {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            OidcScopes.PROFILE,
            "Your name and username",
            OidcScopes.EMAIL,
            "Your e-mail address",
            "api.read",
            "Read data through the APIs",
            "api.write",
            "Change data through the APIs",
            "offline_access",
            "Stay signed in (refresh tokens)");

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationConsentService consents;

    public ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = clients;
        this.consents = consents;
    }

    /** A scope line on the page. */
    public record ScopeView(String scope, String description, boolean previouslyApproved) {}

    @GetMapping("/oauth2/consent")
    public String consent(
            Principal principal,
            Model model,
            @RequestParam(name = "client_id", required = false) @Nullable String clientId,
            @RequestParam(name = "scope", required = false) @Nullable String scope,
            @RequestParam(name = "state", required = false) @Nullable String state,
            @RequestParam(name = "user_code", required = false) @Nullable String userCode) {
        if (clientId == null || state == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        RegisteredClient client = this.clients.findByClientId(clientId);
        if (client == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), principal.getName());
        Set<String> approved = (previous != null) ? previous.getScopes() : Set.of();
        Set<String> requested =
                new LinkedHashSet<>((scope != null) ? Arrays.asList(scope.trim().split("\\s+")) : List.of());
        List<ScopeView> toApprove = new ArrayList<>();
        List<ScopeView> alreadyApproved = new ArrayList<>();
        for (String s : requested) {
            if (s.isEmpty() || OidcScopes.OPENID.equals(s)) {
                continue;
            }
            ScopeView view = new ScopeView(s, DESCRIPTIONS.getOrDefault(s, s), approved.contains(s));
            (view.previouslyApproved() ? alreadyApproved : toApprove).add(view);
        }
        model.addAttribute("clientId", clientId);
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("state", state);
        model.addAttribute("scopes", toApprove);
        model.addAttribute("approvedScopes", alreadyApproved);
        model.addAttribute("openid", requested.contains(OidcScopes.OPENID));
        model.addAttribute("principalName", principal.getName());
        model.addAttribute("userCode", userCode);
        model.addAttribute("requestUri", (userCode != null) ? "/oauth2/device_verification" : "/oauth2/authorize");
        return "consent";
    }
}
