package com.phoenixidp.authserver.scim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 section
 * 3.4.2.5): which top-level attributes and sub-attributes of a resource are returned.
 * {@code schemas} and {@code id} are always returned (RFC 7643 "returned: always"); names that
 * are not attributes are ignored.
 */
final class AttributeSelection {

    static final AttributeSelection ALL = new AttributeSelection(Map.of(), Map.of());

    private static final Set<String> ALWAYS = Set.of("schemas", "id");

    private static final String[] CORE_PREFIXES = {
        ScimSchemas.USER.toLowerCase(Locale.ROOT) + ":", ScimSchemas.GROUP.toLowerCase(Locale.ROOT) + ":"
    };

    /** Lower-case attribute name to its selected sub-attributes (empty: the whole attribute). */
    private final Map<String, Set<String>> included;

    private final Map<String, Set<String>> excluded;

    private AttributeSelection(Map<String, Set<String>> included, Map<String, Set<String>> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    static AttributeSelection of(@Nullable String attributes, @Nullable String excludedAttributes) {
        Map<String, Set<String>> included = parse(attributes);
        Map<String, Set<String>> excluded = parse(excludedAttributes);
        return (included.isEmpty() && excluded.isEmpty()) ? ALL : new AttributeSelection(included, excluded);
    }

    private static Map<String, Set<String>> parse(@Nullable String list) {
        Map<String, Set<String>> result = new HashMap<>();
        if (list == null || list.isBlank()) {
            return result;
        }
        for (String raw : list.split(",", -1)) {
            String path = raw.trim().toLowerCase(Locale.ROOT);
            for (String prefix : CORE_PREFIXES) {
                if (path.startsWith(prefix)) {
                    path = path.substring(prefix.length());
                }
            }
            String name = path;
            String sub = null;
            if (path.startsWith(ScimSchemas.PHOENIX_USER_KEY)) {
                name = ScimSchemas.PHOENIX_USER_KEY;
                sub = path.length() > name.length() + 1 ? path.substring(name.length() + 1) : null;
            } else if (path.indexOf('.') > 0) {
                name = path.substring(0, path.indexOf('.'));
                sub = path.substring(path.indexOf('.') + 1);
            }
            if (name.isEmpty()) {
                continue;
            }
            Set<String> subs = result.computeIfAbsent(name, (k) -> new HashSet<>());
            if (sub == null) {
                subs.add("");
            } else {
                subs.add(sub);
            }
        }
        return result;
    }

    /** Whether the attribute (lower case) is returned at all: else it need not be loaded. */
    boolean returns(String attribute) {
        if (ALWAYS.contains(attribute)) {
            return true;
        }
        if (!this.included.isEmpty() && !this.included.containsKey(attribute)) {
            return false;
        }
        Set<String> subs = this.excluded.get(attribute);
        return subs == null || !subs.contains("");
    }

    ObjectNode apply(ObjectNode resource) {
        if (this == ALL) {
            return resource;
        }
        ObjectNode result = ScimJson.object();
        for (Map.Entry<String, JsonNode> field : resource.properties()) {
            String key = field.getKey().toLowerCase(Locale.ROOT);
            JsonNode value = field.getValue();
            if (!ALWAYS.contains(key)) {
                if (!this.included.isEmpty()) {
                    Set<String> subs = this.included.get(key);
                    if (subs == null) {
                        continue;
                    }
                    value = subs.contains("") ? value : select(value, subs, true);
                }
                Set<String> subs = this.excluded.get(key);
                if (subs != null && subs.contains("")) {
                    continue;
                }
                value = (subs != null) ? select(value, subs, false) : value;
            }
            result.set(field.getKey(), value);
        }
        return result;
    }

    /** The value with only ({@code keep}) or without the named sub-attributes. */
    private static JsonNode select(JsonNode value, Set<String> subs, boolean keep) {
        if (value instanceof ObjectNode object) {
            return selectObject(object, subs, keep);
        }
        if (value instanceof ArrayNode array) {
            ArrayNode result = ScimJson.array();
            array.forEach((e) -> result.add((e instanceof ObjectNode o) ? selectObject(o, subs, keep) : e));
            return result;
        }
        return value;
    }

    private static ObjectNode selectObject(ObjectNode object, Set<String> subs, boolean keep) {
        ObjectNode result = ScimJson.object();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (subs.contains(field.getKey().toLowerCase(Locale.ROOT)) == keep) {
                result.set(field.getKey(), field.getValue());
            }
        }
        return result;
    }
}
