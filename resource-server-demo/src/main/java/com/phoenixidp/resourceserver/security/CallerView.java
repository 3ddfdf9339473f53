package com.phoenixidp.resourceserver.security;

import com.phoenixidp.resourceserver.tls.ClientCertificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a service knows about its caller: the TLS client certificate and the access token's subject and grants. */
public final class CallerView {

    private CallerView() {}

    public static Map<String, Object> of(String service, @Nullable ClientCertificate certificate, Jwt jwt) {
        Map<String, Object> tls = new LinkedHashMap<>();
        if (certificate != null) {
            tls.put("subject", certificate.subject());
            tls.put("issuer", certificate.leaf().getIssuerX500Principal().getName());
            tls.put("serial", certificate.serialHex());
            tls.put("x5t#S256", certificate.thumbprint());
        }
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("sub", jwt.getSubject());
        token.put("client_id", jwt.getClaimAsString("client_id"));
        token.put("scope", scopes(jwt));
        token.put("roles", jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of());
        token.put("aud", jwt.getAudience());
        token.put("certificate_bound", jwt.hasClaim("cnf"));
        token.put("expires_at", String.valueOf(jwt.getExpiresAt()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service", service);
        view.put("client_certificate", tls);
        view.put("token", token);
        return view;
    }

    private static List<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        return jwt.hasClaim("scope") ? jwt.getClaimAsStringList("scope") : List.of();
    }
}
