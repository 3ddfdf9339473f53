package com.phoenixidp.resourceserver.security;

import com.phoenixidp.resourceserver.tls.ClientCertificateResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/whoami}: the caller as this service sees it (certificate and token). */
@RestController
class WhoAmIController {

    private final ClientCertificateResolver certificates;

    private final String service;

    WhoAmIController(ClientCertificateResolver certificates, @Value("${phoenix.service}") String service) {
        this.certificates = certificates;
        this.service = service;
    }

    @GetMapping("/api/whoami")
    Map<String, Object> whoami(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) {
        return CallerView.of(this.service, this.certificates.resolve(request), jwt);
    }
}
