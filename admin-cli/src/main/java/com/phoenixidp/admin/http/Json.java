package com.phoenixidp.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The one JSON mapper of {@code phoenix-admin} (Jackson tree model; no binding to server types). */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a body; null when it is empty or not JSON (the parser's message is dropped: it may quote the body). */
    public static @Nullable JsonNode parseOrNull(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException ex) {
            return null;
        }
    }

    public static String compact(JsonNode node) {
        return node.toString();
    }

    public static String pretty(@Nullable JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write JSON", ex);
        }
    }

    /** A text field, or null when absent or JSON null. */
    public static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return (value == null || value.isNull() || value.isMissingNode()) ? null : value.asText();
    }
}
