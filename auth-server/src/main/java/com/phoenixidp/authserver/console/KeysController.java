package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.crypto.keys.KeyStatus;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import com.phoenixidp.crypto.keys.StoredSigningKey;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console page for the token signing keys: per algorithm the ACTIVE key (signs), the NEXT key
 * (published, signs after the next rotation) and the RETIRED keys still published until their
 * tokens have expired (OpenID Connect Core 10.1.1); and rotating them all at once.
 */
@Controller
@RequestMapping(path = "/admin/keys", headers = "!Authorization")
public class KeysController {

    private static final Comparator<StoredSigningKey> ORDER = Comparator.comparing(
                    (StoredSigningKey k) -> switch (k.status()) {
                        case ACTIVE -> 0;
                        case NEXT -> 1;
                        case RETIRED -> 2;
                    })
            .thenComparing(StoredSigningKey::createdAt, Comparator.reverseOrder());

    private final SigningKeyManager keys;

    private final AuditLog audit;

    private final PhoenixProperties properties;

    public KeysController(SigningKeyManager keys, AuditLog audit, PhoenixProperties properties) {
        this.keys = keys;
        this.audit = audit;
        this.properties = properties;
    }

    @GetMapping
    public String keys(Model model) {
        Map<String, List<StoredSigningKey>> byAlgorithm = new LinkedHashMap<>();
        this.keys.describe().stream()
                .sorted(Comparator.comparing(
                                (StoredSigningKey k) -> k.algorithm().name())
                        .thenComparing(ORDER))
                .forEach((k) -> byAlgorithm
                        .computeIfAbsent(k.algorithm().name(), (a) -> new java.util.ArrayList<>())
                        .add(k));
        model.addAttribute("section", "keys");
        model.addAttribute("keysByAlgorithm", byAlgorithm);
        model.addAttribute(
                "retention", ConsoleFormat.duration(this.properties.getKeys().getRetiredRetention()));
        return "admin/keys";
    }

    @PostMapping("/rotate")
    public String rotate(Principal admin, HttpServletRequest request, RedirectAttributes redirect) {
        this.keys.rotate();
        List<String> active = this.keys.describe().stream()
                .filter((k) -> k.status() == KeyStatus.ACTIVE)
                .map(StoredSigningKey::kid)
                .toList();
        this.audit.event("keys.rotated", ConsoleActors.of(admin, request), "active", active);
        redirect.addFlashAttribute(
                ConsolePages.NOTICE,
                "Signing keys rotated: the published NEXT keys now sign (" + active.size() + " algorithms).");
        return "redirect:/admin/keys";
    }
}
