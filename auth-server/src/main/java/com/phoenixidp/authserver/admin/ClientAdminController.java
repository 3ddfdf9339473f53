package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.ClientService;
import com.phoenixidp.authserver.client.SavedClient;
import com.phoenixidp.authserver.client.StoredClient;
import com.phoenixidp.authserver.management.ManagementException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin API for OAuth clients (bearer token with scope {@code phoenix.admin}), over
 * {@link ClientService}; bodies use the bootstrap YAML's names ({@link AdminClientJson}):
 * <ul>
 * <li>{@code GET /admin/clients}: {@code {"clients": [client, ...]}}</li>
 * <li>{@code POST /admin/clients}: create, 201 with the client, plus {@code client-secret} once when
 * the server generated it</li>
 * <li>{@code GET|PUT|DELETE /admin/clients/{clientId}}: read, replace (a missing
 * {@code client-secret} keeps the current one; a missing {@code enabled} is {@code true}), delete
 * (204; its tokens and consents go too)</li>
 * <li>{@code POST /admin/clients/{clientId}/disable}, {@code .../enable}: the client, switched
 * ({@code "enabled": false|true}); disabling revokes every token issued to it</li>
 * <li>{@code POST /admin/clients/{clientId}/secret}: a new generated secret,
 * {@code {"client-secret": ...}}, shown once; the old one stops working</li>
 * </ul>
 * Errors: see {@link AdminErrors}.
 */
@RestController
@RequestMapping(path = "/admin/clients", headers = "Authorization")
public class ClientAdminController {

    private final ClientService clients;

    private final JsonMapper json;

    public ClientAdminController(ClientService clients, JsonMapper json) {
        this.clients = clients;
        this.json = json;
    }

    @GetMapping
    public Map<String, Object> list() {
        List<Map<String, Object>> all = this.clients.list().stream()
                .map((client) -> AdminClientJson.write(client, this.json))
                .toList();
        return Map.of("clients", all);
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(
            @RequestBody Map<String, Object> body, Authentication caller, HttpServletRequest request) {
        ClientDefinition definition = AdminClientJson.read(body, this.json);
        SavedClient saved = this.clients.create(definition, AdminActors.of(caller, request));
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(render(saved));
    }

    @GetMapping("/{clientId}")
    public Map<String, Object> read(@PathVariable String clientId) {
        return AdminClientJson.write(
                this.clients
                        .find(clientId)
                        .orElseThrow(() -> ManagementException.notFound("client '" + clientId + "'")),
                this.json);
    }

    @PutMapping("/{clientId}")
    public ResponseEntity<Map<String, Object>> replace(
            @PathVariable String clientId,
            @RequestBody Map<String, Object> body,
            Authentication caller,
            HttpServletRequest request) {
        ClientDefinition definition = AdminClientJson.read(body, this.json);
        SavedClient saved = this.clients.replace(clientId, definition, AdminActors.of(caller, request));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(render(saved));
    }

    @DeleteMapping("/{clientId}")
    public ResponseEntity<Void> delete(
            @PathVariable String clientId, Authentication caller, HttpServletRequest request) {
        this.clients.delete(clientId, AdminActors.of(caller, request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{clientId}/disable")
    public ResponseEntity<Map<String, Object>> disable(
            @PathVariable String clientId, Authentication caller, HttpServletRequest request) {
        return switched(this.clients.setEnabled(clientId, false, AdminActors.of(caller, request)));
    }

    @PostMapping("/{clientId}/enable")
    public ResponseEntity<Map<String, Object>> enable(
            @PathVariable String clientId, Authentication caller, HttpServletRequest request) {
        return switched(this.clients.setEnabled(clientId, true, AdminActors.of(caller, request)));
    }

    @PostMapping("/{clientId}/secret")
    public ResponseEntity<Map<String, Object>> rotateSecret(
            @PathVariable String clientId, Authentication caller, HttpServletRequest request) {
        String secret = this.clients.rotateSecret(clientId, AdminActors.of(caller, request));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("client-secret", secret));
    }

    private ResponseEntity<Map<String, Object>> switched(StoredClient client) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(AdminClientJson.write(client, this.json));
    }

    private Map<String, Object> render(SavedClient saved) {
        Map<String, Object> out = AdminClientJson.write(saved.client(), this.json);
        if (saved.generatedSecret() != null) {
            out.put("client-secret", saved.generatedSecret());
        }
        return out;
    }
}
