package com.phoenixidp.admin.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Text that came from the server, made safe for a terminal: control characters (escape sequences
 * that could rewrite the screen) and bidirectional overrides become {@code ?}, and a missing value
 * is shown as {@code -}.
 */
public final class Text {

    private Text() {}

    public static String clean(@Nullable Object value) {
        if (value == null) {
            return "-";
        }
        String text = (value instanceof JsonNode node) ? display(node) : value.toString();
        if (text.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach((c) -> out.appendCodePoint(unsafe(c) ? '?' : c));
        return out.toString();
    }

    /** One line of a message (server messages included): no line breaks, no control characters. */
    public static String oneLine(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "failed";
        }
        return clean(text.replaceAll("[\\r\\n\\t]+", " ").strip());
    }

    /** Values of a JSON array field joined with {@code ", "} (objects by their {@code field}), or null. */
    public static @Nullable String join(@Nullable JsonNode array, @Nullable String field) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            JsonNode value = (field != null && item.isObject()) ? item.get(field) : item;
            if (value != null && !value.isNull()) {
                values.add(display(value));
            }
        }
        return String.join(", ", values);
    }

    /**
     * Members or groups of a SCIM resource ({@code [{"value", "display"}]}) by their {@code display},
     * or their {@code value} (id) where the optional {@code display} is left out (RFC 7643 4.1.2, 4.2).
     */
    public static @Nullable String joinReferences(@Nullable JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            JsonNode display = item.get("display");
            JsonNode value = (display != null && !display.isNull()) ? display : item.get("value");
            if (value != null && !value.isNull()) {
                values.add(display(value));
            }
        }
        return String.join(", ", values);
    }

    private static String display(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray() && allValues(node)) {
            String joined = join(node, null); // null for an empty array
            return (joined != null) ? joined : "";
        }
        return node.toString();
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean unsafe(int c) {
        return Character.getType(c) == Character.CONTROL
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
