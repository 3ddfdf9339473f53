package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.management.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A search (RFC 7644 section 3.4.2): filter, paging and attribute selection, from query
 * parameters or from a SearchRequest body (section 3.4.3, POST {@code .search}). Sorting is not
 * supported and {@code sortBy} is ignored (ServiceProviderConfig {@code sort.supported: false}).
 */
record ScimSearch(@Nullable Filter filter, int startIndex, int count, AttributeSelection selection) {

    /** The {@code filter} parameter: absent or blank is no filter. */
    static @Nullable Filter filter(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : ScimFilterParser.parseFilter(text);
    }

    static ScimSearch of(JsonNode body) {
        Map<String, JsonNode> members = ScimJson.members(body, "the SearchRequest");
        return new ScimSearch(
                filter(ScimJson.string(members.get("filter"), "filter")),
                ScimRequests.startIndex(number(members.get("startindex"), "startIndex")),
                ScimRequests.count(number(members.get("count"), "count")),
                AttributeSelection.of(
                        names(members.get("attributes"), "attributes"),
                        names(members.get("excludedattributes"), "excludedAttributes")));
    }

    private static @Nullable String number(@Nullable JsonNode value, String name) {
        if (ScimJson.isNull(value)) {
            return null;
        }
        if (value.isIntegralNumber() || value.isString()) {
            return value.asString();
        }
        throw ScimException.invalidValue(name + " must be an integer");
    }

    /** An array of attribute names (or one comma-separated string) as a comma-separated list. */
    private static @Nullable String names(@Nullable JsonNode value, String name) {
        if (ScimJson.isNull(value)) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (!(value instanceof ArrayNode array)) {
            throw ScimException.invalidValue(name + " must be an array of attribute names");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode element : array) {
            list.add(ScimJson.string(element, name));
        }
        return String.join(",", list);
    }
}
