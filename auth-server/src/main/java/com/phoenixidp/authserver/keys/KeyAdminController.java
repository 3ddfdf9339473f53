package com.phoenixidp.authserver.keys;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import com.phoenixidp.crypto.keys.StoredSigningKey;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for token signing keys (bearer token with scope {@code phoenix.admin}):
 * {@code GET /admin/keys} lists them, {@code POST /admin/keys/rotate} rotates: the key already
 * published as NEXT starts signing, the old one is retired but stays in the JWK set until its
 * tokens have expired, and a new NEXT key is published. Only requests with an {@code Authorization}
 * header map here; the same paths without one are the console's pages ({@code AdminRequests}).
 */
@RestController
@RequestMapping(path = "/admin/keys", headers = "Authorization")
public class KeyAdminController {

    private final SigningKeyManager keys;

    private final AuditLog audit;

    public KeyAdminController(SigningKeyManager keys, AuditLog audit) {
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("keys", describe(this.keys.describe()));
    }

    @PostMapping("/rotate")
    public Map<String, Object> rotate(Authentication caller) {
        this.keys.rotate();
        List<Map<String, Object>> described = describe(this.keys.describe());
        this.audit.event(
                "keys.rotated",
                "by",
                caller.getName(),
                "active",
                described.stream()
                        .filter((k) -> "ACTIVE".equals(k.get("status")))
                        .map((k) -> k.get("kid"))
                        .toList());
        return Map.of("rotated", true, "keys", described);
    }

    private static List<Map<String, Object>> describe(List<StoredSigningKey> stored) {
        return stored.stream()
                .map((k) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("kid", k.kid());
                    m.put("alg", k.algorithm().name());
                    m.put("status", k.status().name());
                    m.put("created_at", String.valueOf(k.createdAt()));
                    if (k.activatedAt() != null) {
                        m.put("activated_at", String.valueOf(k.activatedAt()));
                    }
                    if (k.retiredAt() != null) {
                        m.put("retired_at", String.valueOf(k.retiredAt()));
                    }
                    return m;
                })
                .toList();
    }
}
