package com.phoenixidp.samples.webapp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/** The home page: who is signed in, the ID token's claims, and the API's answer. */
@Controller
class HomeController {

    private final OAuth2AuthorizedClientManager authorizedClients;

    private final RestClient rest;

    private final String apiUrl;

    HomeController(
            OAuth2AuthorizedClientManager authorizedClients,
            ClientTls clientTls,
            @Value("${phoenix.api-url:}") String apiUrl) {
        this.authorizedClients = authorizedClients;
        // with phoenix.client-tls.bundle: the same client certificate as the token requests, so a
        // certificate-bound token (cnf.x5t#S256) matches the connection it is sent over
        this.rest =
                RestClient.builder().requestFactory(clientTls.requestFactory()).build();
        this.apiUrl = apiUrl;
    }

    @GetMapping("/")
    String home(Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (authentication instanceof OAuth2AuthenticationToken token
                && token.getPrincipal() instanceof OidcUser user) {
            model.addAttribute(
                    "user", (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getName());
            Map<String, String> claims = new TreeMap<>();
            user.getIdToken().getClaims().forEach((name, value) -> claims.put(name, String.valueOf(value)));
            model.addAttribute("claims", claims);
            if (!this.apiUrl.isBlank()) {
                callApi(token, request, response, model);
            }
        }
        return "index";
    }

    private void callApi(
            OAuth2AuthenticationToken authentication,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("apiUrl", this.apiUrl);
        OAuth2AuthorizedClient client;
        try {
            client = this.authorizedClients.authorize(
                    OAuth2AuthorizeRequest.withClientRegistrationId(authentication.getAuthorizedClientRegistrationId())
                            .principal(authentication)
                            .attribute(HttpServletRequest.class.getName(), request)
                            .attribute(HttpServletResponse.class.getName(), response)
                            .build());
        } catch (ClientAuthorizationException ex) {
            model.addAttribute(
                    "apiError",
                    "Could not refresh the access token (" + ex.getError().getErrorCode()
                            + "): sign out and sign in again.");
            return;
        }
        if (client == null) {
            model.addAttribute("apiError", "No access token: sign in again.");
            return;
        }
        Instant expiresAt = client.getAccessToken().getExpiresAt();
        model.addAttribute("tokenExpiresAt", expiresAt);
        try {
            ResponseEntity<String> answer = this.rest
                    .get()
                    .uri(this.apiUrl)
                    .headers((headers) ->
                            headers.setBearerAuth(client.getAccessToken().getTokenValue()))
                    .retrieve()
                    .toEntity(String.class);
            model.addAttribute("apiAnswer", "HTTP " + answer.getStatusCode().value() + "\n" + answer.getBody());
        } catch (ResourceAccessException ex) {
            model.addAttribute(
                    "apiError",
                    "The API at " + this.apiUrl + " is not reachable ("
                            + ex.getMostSpecificCause().getMessage()
                            + "). Is the demo fleet running? See the README, \"Client samples\".");
        } catch (RestClientResponseException ex) {
            String challenge =
                    (ex.getResponseHeaders() != null) ? ex.getResponseHeaders().getFirst("WWW-Authenticate") : null;
            model.addAttribute(
                    "apiError",
                    "The API refused the call: HTTP " + ex.getStatusCode().value()
                            + ((challenge != null) ? " (" + challenge + ")" : ""));
        }
    }
}
