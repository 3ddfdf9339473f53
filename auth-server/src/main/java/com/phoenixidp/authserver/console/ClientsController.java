package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.ClientService;
import com.phoenixidp.authserver.client.SavedClient;
import com.phoenixidp.authserver.client.StoredClient;
import com.phoenixidp.authserver.management.ManagementException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Console pages for OAuth clients over {@link ClientService} (where the rules live): the list
 * with a create form, a page per client to edit its redirect URIs, grant types, scopes and
 * authentication methods, disable or enable it, rotate its secret, or delete it (after a
 * confirmation page). A secret
 * the server generates is shown once, in the answer to the request that made it (never in the
 * session or a redirect), with {@code Cache-Control: no-store}.
 */
@Controller
@RequestMapping(path = "/admin/clients", headers = "!Authorization")
public class ClientsController {

    /** Grant types offered in the form (RFC 6749, RFC 8628, RFC 8693; the legacy ones last). */
    static final List<String> GRANT_TYPES = List.of(
            "authorization_code",
            "refresh_token",
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:token-exchange",
            "password",
            "implicit");

    /** Client authentication methods offered in the form (RFC 6749 2.3, RFC 7523, RFC 8705). */
    static final List<String> AUTH_METHODS = List.of(
            "client_secret_basic",
            "client_secret_post",
            "private_key_jwt",
            "tls_client_auth",
            "self_signed_tls_client_auth",
            "none");

    /** The service's field names (bootstrap names) to the form's field ids. */
    private static final Map<String, String> FIELDS = Map.of(
            "client-id", "new-client-id",
            "client-name", "client-name",
            "redirect-uris", "redirect-uris",
            "post-logout-redirect-uris", "post-logout-redirect-uris",
            "grant-types", "grant-types",
            "auth-methods", "auth-methods",
            "scopes", "scopes",
            "jwk-set-uri", "jwk-set-uri",
            "jwks", "jwk-set-uri");

    private final ClientService clients;

    public ClientsController(ClientService clients) {
        this.clients = clients;
    }

    @GetMapping
    public String list(Model model) {
        model.addAttribute("section", "clients");
        model.addAttribute("clients", this.clients.list());
        model.addAttribute("grantTypeNames", GRANT_TYPES);
        model.addAttribute("authMethodNames", AUTH_METHODS);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ClientForm.blank());
        }
        return "admin/clients";
    }

    @PostMapping
    public String create(
            @RequestParam(name = "clientId", defaultValue = "") String clientId,
            @RequestParam(name = "clientName", defaultValue = "") String clientName,
            @RequestParam(name = "redirectUris", defaultValue = "") String redirectUris,
            @RequestParam(name = "postLogoutRedirectUris", defaultValue = "") String postLogoutRedirectUris,
            @RequestParam(name = "grantTypes", required = false) @Nullable List<String> grantTypes,
            @RequestParam(name = "authMethods", required = false) @Nullable List<String> authMethods,
            @RequestParam(name = "scopes", defaultValue = "") String scopes,
            @RequestParam(name = "jwkSetUri", defaultValue = "") String jwkSetUri,
            @RequestParam(name = "requireConsent", defaultValue = "false") boolean requireConsent,
            @RequestParam(name = "requirePkce", defaultValue = "false") boolean requirePkce,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        ClientForm form = new ClientForm(
                clientId.trim(),
                clientName,
                redirectUris,
                postLogoutRedirectUris,
                grantTypes,
                authMethods,
                scopes,
                jwkSetUri,
                requireConsent,
                requirePkce);
        ClientDefinition definition = new ClientDefinition();
        definition.setClientId(form.clientId().isBlank() ? null : form.clientId());
        SavedClient saved;
        try {
            saved = this.clients.create(form.applyTo(definition), ConsoleActors.of(admin, request));
        } catch (ManagementException ex) {
            response.setStatus(ConsolePages.status(ex));
            ConsolePages.refusal(model, ex, FIELDS);
            model.addAttribute("form", form);
            return list(model);
        }
        model.addAttribute(ConsolePages.NOTICE, "Client " + saved.client().clientId() + " created.");
        return render(saved.client(), saved.generatedSecret(), response, model);
    }

    @GetMapping("/{clientId}")
    public String client(@PathVariable String clientId, HttpServletResponse response, Model model) {
        return render(existing(clientId), null, response, model);
    }

    @PostMapping("/{clientId}")
    public String update(
            @PathVariable String clientId,
            @RequestParam(name = "clientName", defaultValue = "") String clientName,
            @RequestParam(name = "redirectUris", defaultValue = "") String redirectUris,
            @RequestParam(name = "postLogoutRedirectUris", defaultValue = "") String postLogoutRedirectUris,
            @RequestParam(name = "grantTypes", required = false) @Nullable List<String> grantTypes,
            @RequestParam(name = "authMethods", required = false) @Nullable List<String> authMethods,
            @RequestParam(name = "scopes", defaultValue = "") String scopes,
            @RequestParam(name = "jwkSetUri", defaultValue = "") String jwkSetUri,
            @RequestParam(name = "requireConsent", defaultValue = "false") boolean requireConsent,
            @RequestParam(name = "requirePkce", defaultValue = "false") boolean requirePkce,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        StoredClient current = existing(clientId);
        ClientForm form = new ClientForm(
                current.clientId(),
                clientName,
                redirectUris,
                postLogoutRedirectUris,
                grantTypes,
                authMethods,
                scopes,
                jwkSetUri,
                requireConsent,
                requirePkce);
        SavedClient saved;
        try {
            saved = this.clients.replace(
                    current.clientId(), form.applyTo(current.definition()), ConsoleActors.of(admin, request));
        } catch (ManagementException ex) {
            response.setStatus(ConsolePages.status(ex));
            ConsolePages.refusal(model, ex, FIELDS);
            model.addAttribute("form", form);
            return render(current, null, response, model);
        }
        if (saved.generatedSecret() != null) {
            // it now authenticates with a secret and had none: show the generated one now
            model.addAttribute(ConsolePages.NOTICE, "Client " + clientId + " saved; it has a new secret.");
            return render(saved.client(), saved.generatedSecret(), response, model);
        }
        redirect.addFlashAttribute(ConsolePages.NOTICE, "Client " + clientId + " saved.");
        return "redirect:" + path(clientId);
    }

    @PostMapping("/{clientId}/rotate-secret")
    public String rotateSecret(
            @PathVariable String clientId,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        StoredClient current = existing(clientId);
        String secret;
        try {
            secret = this.clients.rotateSecret(current.clientId(), ConsoleActors.of(admin, request));
        } catch (ManagementException ex) {
            response.setStatus(ConsolePages.status(ex));
            ConsolePages.refusal(model, ex, FIELDS);
            return render(current, null, response, model);
        }
        model.addAttribute(ConsolePages.NOTICE, "New secret for " + clientId + ": the old one no longer works.");
        return render(existing(clientId), secret, response, model);
    }

    @PostMapping("/{clientId}/disable")
    public String disable(
            @PathVariable String clientId, Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        StoredClient current = existing(clientId);
        this.clients.setEnabled(current.clientId(), false, ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(
                ConsolePages.NOTICE, "Client " + current.clientId() + " disabled; its tokens are revoked.");
        return "redirect:" + path(current.clientId());
    }

    @PostMapping("/{clientId}/enable")
    public String enable(
            @PathVariable String clientId, Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        StoredClient current = existing(clientId);
        this.clients.setEnabled(current.clientId(), true, ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(ConsolePages.NOTICE, "Client " + current.clientId() + " enabled.");
        return "redirect:" + path(current.clientId());
    }

    @GetMapping("/{clientId}/delete")
    public String confirmDelete(@PathVariable String clientId, Model model) {
        model.addAttribute("section", "clients");
        model.addAttribute("client", existing(clientId));
        return "admin/client-delete";
    }

    @PostMapping("/{clientId}/delete")
    public String delete(
            @PathVariable String clientId, Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        StoredClient current = existing(clientId);
        this.clients.delete(current.clientId(), ConsoleActors.of(admin, request));
        redirect.addFlashAttribute(
                ConsolePages.NOTICE, "Client " + current.clientId() + " deleted with its tokens and consents.");
        return "redirect:/admin/clients";
    }

    private String render(StoredClient client, @Nullable String newSecret, HttpServletResponse response, Model model) {
        model.addAttribute("section", "clients");
        model.addAttribute("client", client);
        model.addAttribute("usesSecret", usesSecret(client.definition()));
        model.addAttribute("grantTypeNames", GRANT_TYPES);
        model.addAttribute("authMethodNames", AUTH_METHODS);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ClientForm.of(client.definition()));
        }
        if (newSecret != null) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            model.addAttribute("newSecret", newSecret);
        }
        return "admin/client";
    }

    private StoredClient existing(String clientId) {
        return this.clients.find(clientId).orElseThrow(() -> ManagementException.notFound("client '" + clientId + "'"));
    }

    /** Whether the page offers secret rotation (the service decides; this only hides the button). */
    private static boolean usesSecret(ClientDefinition definition) {
        List<String> methods = definition.getAuthMethods();
        return methods.contains("client_secret_basic") || methods.contains("client_secret_post");
    }

    static String path(String clientId) {
        return "/admin/clients/" + UriUtils.encodePathSegment(clientId, StandardCharsets.UTF_8);
    }
}
