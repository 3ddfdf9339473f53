package com.phoenixidp.authserver.management;

import java.util.List;

/**
 * One page of a search: {@code items} starting at the 1-based {@code startIndex}, of
 * {@code total} matches (SCIM ListResponse, RFC 7644 section 3.4.2.4).
 */
public record Page<T>(List<T> items, long total, int startIndex) {

    public Page {
        items = List.copyOf(items);
    }
}
