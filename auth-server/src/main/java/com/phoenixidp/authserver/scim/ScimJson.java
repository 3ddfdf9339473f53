package com.phoenixidp.authserver.scim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for SCIM messages (RFC 7644 section 3.1) on Jackson 3: strict parsing (a repeated member,
 * also one that differs only in case, is refused as ambiguous; trailing content is refused), and
 * the typed reads of attribute values, each failure an {@code invalidValue} naming the attribute,
 * never echoing the value. Attribute names are case-insensitive (RFC 7643 section 2.1); booleans
 * may arrive as the strings {@code "True"}/{@code "False"}, as Microsoft Entra ID sends them.
 */
final class ScimJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ScimJson() {}

    /** Parses a request body that must be one JSON object; otherwise {@code invalidSyntax}. */
    static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = (body == null || body.length == 0) ? null : MAPPER.readTree(body);
        } catch (JacksonException ex) {
            throw ScimException.invalidSyntax("the request body is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw ScimException.invalidSyntax("the request body is empty");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ScimException.invalidSyntax("the request body must be a JSON object");
        }
        return object;
    }

    /** A JSON array shipped with the server (the schema definitions). */
    static JsonNode parseArray(byte[] json) {
        JsonNode node = MAPPER.readTree(json);
        if (node == null || !node.isArray()) {
            throw new IllegalStateException("not a JSON array");
        }
        return node;
    }

    static byte[] write(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The object's members by lower-case name, in order; two names equal ignoring case are refused. */
    static Map<String, JsonNode> members(@Nullable JsonNode object, String what) {
        if (!(object instanceof ObjectNode node)) {
            throw ScimException.invalidValue(what + " must be a JSON object");
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (members.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()) != null) {
                throw ScimException.invalidSyntax("'" + entry.getKey() + "' appears twice in " + what);
            }
        }
        return members;
    }

    /** The member named {@code name} ignoring case, or null. */
    static @Nullable JsonNode member(JsonNode object, String name) {
        if (!(object instanceof ObjectNode node)) {
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Contract("null -> true")
    static boolean isNull(@Nullable JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /** A string attribute; JSON null (or absent) is null. */
    static @Nullable String string(@Nullable JsonNode value, String attribute) {
        if (isNull(value)) {
            return null;
        }
        if (!value.isString()) {
            throw ScimException.invalidValue(attribute + " must be a string");
        }
        return value.stringValue();
    }

    /** A boolean attribute: true/false, or the strings "true"/"false" in any case. */
    static boolean bool(@Nullable JsonNode value, String attribute) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null && value.isString()) {
            String text = value.stringValue().trim();
            if ("true".equalsIgnoreCase(text)) {
                return true;
            }
            if ("false".equalsIgnoreCase(text)) {
                return false;
            }
        }
        throw ScimException.invalidValue(attribute + " must be true or false");
    }
}
