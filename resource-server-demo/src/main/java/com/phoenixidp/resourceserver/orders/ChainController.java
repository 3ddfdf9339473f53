package com.phoenixidp.resourceserver.orders;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.phoenixidp.resourceserver.security.CallerView;
import com.phoenixidp.resourceserver.tls.ClientCertificateResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/chain} (orders only, {@code api.read}): calls catalog's {@code /api/whoami} over mTLS
 * with orders' own certificate-bound client-credentials token and shows the whole chain.
 */
@RestController
@ConditionalOnProperty(name = "phoenix.service", havingValue = "orders")
class ChainController {

    private static final Logger logger = LoggerFactory.getLogger(ChainController.class);

    private final ClientCertificateResolver certificates;

    private final ServiceTokenClient tokens;

    private final HttpClient http;

    private final ServiceClientProperties properties;

    private final X509Certificate ownCertificate;

    ChainController(
            ClientCertificateResolver certificates,
            ServiceTokenClient tokens,
            HttpClient serviceHttpClient,
            ServiceClientProperties properties,
            X509Certificate serviceClientCertificate) {
        this.certificates = certificates;
        this.tokens = tokens;
        this.http = serviceHttpClient;
        this.properties = properties;
        this.ownCertificate = serviceClientCertificate;
    }

    @GetMapping("/api/chain")
    ResponseEntity<Map<String, Object>> chain(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) {
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("caller", CallerView.of("orders", this.certificates.resolve(request), jwt));
        Map<String, Object> calledAs = new LinkedHashMap<>();
        calledAs.put("client_id", this.tokens.clientId());
        calledAs.put(
                "certificate_subject",
                (this.ownCertificate != null)
                        ? this.ownCertificate.getSubjectX500Principal().getName()
                        : null);
        calledAs.put(
                "x5t#S256",
                (this.ownCertificate != null)
                        ? ClientCertificateResolver.computeThumbprint(this.ownCertificate)
                        : null);
        calledAs.put("target", this.properties.catalogUrl() + "/api/whoami");
        chain.put("called_as", calledAs);
        try {
            HttpResponse<String> response = this.http.send(
                    HttpRequest.newBuilder(this.properties.catalogUrl().resolve("/api/whoami"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + this.tokens.accessToken())
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            chain.put("catalog_status", response.statusCode());
            if (response.statusCode() != 200) {
                chain.put(
                        "catalog_www_authenticate",
                        response.headers().firstValue("WWW-Authenticate").orElse(null));
                return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(chain);
            }
            chain.put("catalog_saw", JSONObjectUtils.parse(response.body()));
            return ResponseEntity.ok(chain);
        } catch (IOException | ParseException ex) {
            logger.warn("Service-to-service call to catalog failed: {}", ex.toString());
            chain.put("error", "catalog call failed");
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(chain);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(chain);
        }
    }
}
