package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.config.PhoenixProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery endpoints of RFC 7644 section 4: ServiceProviderConfig (what this server
 * supports: PATCH, filters up to 1,000 results, password changes, ETags; no bulk, no sorting),
 * ResourceTypes (User with Phoenix's extension, Group) and Schemas (RFC 7643 section 7, from
 * {@code scim/schemas.json}). A {@code filter} on these is refused with 403 as section 4 says.
 */
@RestController
@RequestMapping("/scim/v2")
final class ScimDiscoveryController {

    private final String base;

    private final List<ObjectNode> schemas;

    ScimDiscoveryController(PhoenixProperties properties) {
        this.base = ScimResponses.baseUrl(properties.getIssuer());
        this.schemas = loadSchemas(this.base);
    }

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<byte[]> serviceProviderConfig(@RequestParam(required = false) @Nullable String filter) {
        refuseFilter(filter);
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        node.putObject("patch").put("supported", true);
        node.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        node.putObject("filter").put("supported", true).put("maxResults", ScimRequests.MAX_COUNT);
        node.putObject("changePassword").put("supported", true);
        node.putObject("sort").put("supported", false);
        node.putObject("etag").put("supported", true);
        node.putArray("authenticationSchemes")
                .addObject()
                .put("type", "oauthbearertoken")
                .put("name", "OAuth Bearer Token")
                .put(
                        "description",
                        "An access token with scope phoenix.admin from this server (client credentials grant)")
                .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750")
                .put("primary", true);
        node.putObject("meta")
                .put("resourceType", "ServiceProviderConfig")
                .put("location", this.base + "/ServiceProviderConfig");
        return ScimResponses.ok(node);
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<byte[]> resourceTypes(@RequestParam(required = false) @Nullable String filter) {
        refuseFilter(filter);
        return ScimResponses.ok(ScimResponses.list(List.of(userType(), groupType()), 2, 1));
    }

    @GetMapping("/ResourceTypes/{name}")
    ResponseEntity<byte[]> resourceType(@PathVariable String name) {
        for (ObjectNode type : List.of(userType(), groupType())) {
            if (type.get("id").stringValue().equals(name)) {
                return ScimResponses.ok(type);
            }
        }
        throw ScimException.notFound("no ResourceType " + name);
    }

    @GetMapping("/Schemas")
    ResponseEntity<byte[]> schemas(@RequestParam(required = false) @Nullable String filter) {
        refuseFilter(filter);
        return ScimResponses.ok(ScimResponses.list(this.schemas, this.schemas.size(), 1));
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<byte[]> schema(@PathVariable String id) {
        return this.schemas.stream()
                .filter((s) -> s.get("id").stringValue().equals(id))
                .findFirst()
                .map(ScimResponses::ok)
                .orElseThrow(() -> ScimException.notFound("no Schema " + id));
    }

    private ObjectNode userType() {
        ObjectNode type = resourceType("User", "/Users", "User Account", ScimSchemas.USER);
        type.putArray("schemaExtensions")
                .addObject()
                .put("schema", ScimSchemas.PHOENIX_USER)
                .put("required", true);
        return type;
    }

    private ObjectNode groupType() {
        return resourceType("Group", "/Groups", "Group (a role)", ScimSchemas.GROUP);
    }

    private ObjectNode resourceType(String name, String endpoint, String description, String schema) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        node.put("id", name);
        node.put("name", name);
        node.put("endpoint", endpoint);
        node.put("description", description);
        node.put("schema", schema);
        node.putObject("meta")
                .put("resourceType", "ResourceType")
                .put("location", this.base + "/ResourceTypes/" + name);
        return node;
    }

    private static void refuseFilter(@Nullable String filter) {
        if (filter != null) {
            throw new ScimException(403, null, "filters are not supported on discovery endpoints");
        }
    }

    private static List<ObjectNode> loadSchemas(String base) {
        try (InputStream in = new ClassPathResource("scim/schemas.json").getInputStream()) {
            JsonNode array = ScimJson.parseArray(in.readAllBytes());
            List<ObjectNode> result = new ArrayList<>();
            for (JsonNode schema : array) {
                ObjectNode node = ((ObjectNode) schema).deepCopy();
                node.putArray("schemas").add(ScimSchemas.SCHEMA);
                node.putObject("meta")
                        .put("resourceType", "Schema")
                        .put("location", base + "/Schemas/" + node.get("id").stringValue());
                result.add(node);
            }
            return List.copyOf(result);
        } catch (IOException ex) {
            throw new UncheckedIOException("scim/schemas.json is missing", ex);
        }
    }
}
