package com.phoenixidp.admin.http;

import java.util.Objects;

/** A client secret or access token: its {@code toString} prints {@code ***}, so it cannot leak by accident. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The value, for the one place that must send it (an Authorization header). */
    public String reveal() {
        return this.value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
