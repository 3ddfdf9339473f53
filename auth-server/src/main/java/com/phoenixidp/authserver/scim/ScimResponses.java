package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.management.Page;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM answers (RFC 7644 section 3): bodies as {@code application/scim+json}, the weak ETag of a
 * resource version ({@code W/"<version>"}, section 3.14) in {@code meta.version} and the
 * {@code ETag} header, {@code Location} on 201, ListResponse (section 3.4.2.4) and the error
 * schema (section 3.12).
 */
final class ScimResponses {

    static final MediaType SCIM_JSON = MediaType.parseMediaType(ScimSchemas.MEDIA_TYPE);

    private ScimResponses() {}

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    static ObjectNode meta(
            String resourceType,
            @Nullable Instant created,
            @Nullable Instant lastModified,
            String location,
            long version) {
        ObjectNode meta = ScimJson.object();
        meta.put("resourceType", resourceType);
        if (created != null) {
            meta.put("created", created.toString());
        }
        if (lastModified != null) {
            meta.put("lastModified", lastModified.toString());
        }
        meta.put("location", location);
        meta.put("version", etag(version));
        return meta;
    }

    static ResponseEntity<byte[]> ok(ObjectNode body) {
        return body(HttpStatus.OK, body, null);
    }

    /** A resource with the ETag of {@code version} and, for 201, {@code location}. */
    static ResponseEntity<byte[]> resource(HttpStatus status, ObjectNode resource, long version, String location) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag(version));
        if (status == HttpStatus.CREATED) {
            headers.setLocation(URI.create(location));
        }
        return body(status, resource, headers);
    }

    /** The base URL of the SCIM endpoints: the issuer's, then {@code /scim/v2}. */
    static String baseUrl(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + "/scim/v2";
    }

    static ResponseEntity<byte[]> notModified(long version) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                .eTag(etag(version))
                .build();
    }

    static ResponseEntity<byte[]> noContent() {
        return ResponseEntity.noContent().build();
    }

    static <T> ObjectNode list(Page<T> page, Function<T, ObjectNode> render) {
        return list(page.items().stream().map(render).toList(), page.total(), page.startIndex());
    }

    static ObjectNode list(List<ObjectNode> resources, long total, int startIndex) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        node.put("totalResults", total);
        node.put("itemsPerPage", resources.size());
        node.put("startIndex", startIndex);
        ArrayNode array = node.putArray("Resources");
        resources.forEach(array::add);
        return node;
    }

    /** The SCIM error message (RFC 7644 section 3.12); {@code status} is a string there. */
    static ResponseEntity<byte[]> error(int status, @Nullable String scimType, @Nullable String detail) {
        return ResponseEntity.status(status).contentType(SCIM_JSON).body(errorBody(status, scimType, detail));
    }

    static byte[] errorBody(int status, @Nullable String scimType, @Nullable String detail) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(ScimSchemas.ERROR);
        node.put("status", String.valueOf(status));
        if (scimType != null) {
            node.put("scimType", scimType);
        }
        if (detail != null) {
            node.put("detail", detail);
        }
        return ScimJson.write(node);
    }

    private static ResponseEntity<byte[]> body(HttpStatus status, ObjectNode body, @Nullable HttpHeaders headers) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(SCIM_JSON);
        if (headers != null) {
            builder.headers(headers);
        }
        return builder.body(ScimJson.write(body));
    }
}
