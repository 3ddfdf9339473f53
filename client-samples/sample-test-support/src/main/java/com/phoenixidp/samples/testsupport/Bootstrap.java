package com.phoenixidp.samples.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code phoenix.bootstrap} users and clients a sample test declares; written as YAML for the
 * server's {@code --spring.config.additional-location}.
 */
public final class Bootstrap {

    private final List<String> users = new ArrayList<>();

    private final List<String> clients = new ArrayList<>();

    private final List<String> properties = new ArrayList<>();

    public Bootstrap user(String username, String password) {
        this.users.add("      - username: " + q(username) + "\n        password: " + q(password) + "\n        email: "
                + q(username + "@example.com") + "\n        roles: [user]\n");
        return this;
    }

    /**
     * A client; {@code fields} are further YAML lines (without indentation), e.g.
     * {@code "grant-types: [authorization_code, refresh_token]"}.
     */
    public Bootstrap client(String clientId, String... fields) {
        StringBuilder yaml = new StringBuilder("      - client-id: " + q(clientId) + "\n");
        for (String field : fields) {
            yaml.append("        ").append(field).append('\n');
        }
        this.clients.add(yaml.toString());
        return this;
    }

    /** Any other {@code phoenix.*} setting, as a YAML line under {@code phoenix:} (e.g. {@code "grants: {device-poll-interval: 1s}"}). */
    public Bootstrap phoenix(String line) {
        this.properties.add("  " + line + "\n");
        return this;
    }

    String yaml() {
        StringBuilder yaml = new StringBuilder("phoenix:\n");
        this.properties.forEach(yaml::append);
        yaml.append("  bootstrap:\n    users:\n");
        this.users.forEach(yaml::append);
        yaml.append("    clients:\n");
        this.clients.forEach(yaml::append);
        return yaml.toString();
    }

    /** A YAML double-quoted string. */
    public static String q(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
