package com.phoenixidp.authserver.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oauth2/revoked-tokens}: the revocation list of JWT access tokens ({@link RevokedTokens}),
 * advertised in the server metadata as {@code phoenix_revocation_list_endpoint}:
 * <pre>
 * {"revoked":[{"jti":"…","exp":1767225600}],
 *  "clients":[{"client_id":"billing","not_before":1767225300,"exp":1767228900}],
 *  "generated_at":1767225300}
 * </pre>
 * Only unexpired entries; times in seconds since the epoch. A {@code clients} entry revokes every
 * access token whose {@code client_id} claim is that client and whose {@code iat} is before
 * {@code not_before} (a disabled or deleted client: its client-credentials tokens are stateless,
 * {@link StatelessAccessTokens}, so their {@code jti}s are unknown). The
 * answer carries a weak {@code ETag} and {@code Cache-Control: no-cache}: resource servers poll it
 * every few seconds with {@code If-None-Match} and get {@code 304 Not Modified} without a body
 * until the list changes (RFC 9110 13.1.2).
 * <p>
 * Public, like the JWK set: a {@code jti} is a random identifier that grants nothing and names no
 * user or client, and resource servers should not need client credentials (or a token whose own
 * revocation they would have to check) to learn what is revoked.
 */
@RestController
class RevokedTokensController {

    static final String PATH = "/oauth2/revoked-tokens";

    private final RevokedTokens revoked;

    RevokedTokensController(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    private static Map<String, Object> clientEntry(RevokedTokens.ClientEntry client) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("client_id", client.clientId());
        entry.put("not_before", RevokedTokens.notBeforeSeconds(client.notBefore()));
        entry.put("exp", client.expiresAt().getEpochSecond());
        return entry;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> revokedTokens() {
        RevokedTokens.Snapshot snapshot = this.revoked.current();
        List<Map<String, Object>> entries = snapshot.entries().stream()
                .map((entry) -> Map.<String, Object>of(
                        "jti", entry.jti(), "exp", entry.expiresAt().getEpochSecond()))
                .toList();
        List<Map<String, Object>> clients = snapshot.clients().stream()
                .map(RevokedTokensController::clientEntry)
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("revoked", entries);
        body.put("clients", clients);
        body.put("generated_at", snapshot.generatedAt().getEpochSecond());
        // with an ETag on the entity, Spring MVC answers a matching If-None-Match with 304 and no body
        return ResponseEntity.ok()
                .eTag(snapshot.etag())
                .cacheControl(CacheControl.noCache())
                .body(body);
    }
}
