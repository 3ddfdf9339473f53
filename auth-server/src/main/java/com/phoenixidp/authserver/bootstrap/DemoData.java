package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.authserver.bootstrap.BootstrapProperties.UserEntry;
import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.config.PhoenixProperties;
import java.util.List;
import java.util.Objects;

/**
 * The demo profile's users and clients, added to the bootstrap unless the configuration already
 * names them. Their passwords and secrets are generated on first start into
 * {@code <data-dir>/secrets/}.
 */
final class DemoData {

    static final List<String> DEMO_USERS = List.of("alice", "bob");

    private DemoData() {}

    static boolean isDemoUser(UserEntry entry) {
        return DEMO_USERS.contains(entry.getUsername());
    }

    static void addMissing(List<UserEntry> users, List<ClientDefinition> clients, PhoenixProperties properties) {
        addUser(users, "alice", "Alice Example", "alice@example.com", List.of("user"));
        addUser(users, "bob", "Bob Admin", "bob@example.com", List.of("user", "admin"));
        addClient(
                clients,
                client(
                        "demo-web",
                        "Demo web app",
                        List.of("authorization_code", "refresh_token"),
                        List.of("client_secret_basic", "client_secret_post"),
                        List.of("http://localhost:8080/login/oauth2/code/phoenix"),
                        List.of("http://localhost:8080/"),
                        List.of("openid", "profile", "email", "api.read"),
                        true));
        addClient(
                clients,
                client(
                        "demo-spa",
                        "Demo single-page app",
                        List.of("authorization_code"),
                        List.of("none"),
                        List.of("http://localhost:8081/", "http://localhost:8081/callback"),
                        List.of("http://localhost:8081/"),
                        List.of("openid", "profile", "api.read"),
                        false));
        addClient(
                clients,
                client(
                        "demo-service",
                        "Demo service (client credentials)",
                        List.of("client_credentials"),
                        List.of("client_secret_basic", "client_secret_post"),
                        List.of(),
                        List.of(),
                        List.of("api.read", "api.write"),
                        false));
        addClient(
                clients,
                client(
                        "demo-device",
                        "Demo device (RFC 8628 device flow)",
                        List.of(
                                org.springframework.security.oauth2.core.AuthorizationGrantType.DEVICE_CODE.getValue(),
                                "refresh_token"),
                        List.of("none"),
                        List.of(),
                        List.of(),
                        List.of("openid", "profile", "api.read"),
                        true));
        // legacy password grant (RFC 6749 4.3), for migrations only: see README "Legacy grants"
        addClient(
                clients,
                client(
                        "demo-legacy",
                        "Demo legacy app (password grant)",
                        List.of("password", "refresh_token"),
                        List.of("client_secret_basic", "client_secret_post"),
                        List.of(),
                        List.of(),
                        List.of("openid", "profile", "api.read"),
                        false));
        addClient(
                clients,
                client(
                        "demo-admin",
                        "Phoenix administration (SCIM, admin API, client registration, key rotation)",
                        List.of("client_credentials"),
                        List.of("client_secret_basic"),
                        List.of(),
                        List.of(),
                        List.of("phoenix.admin", "client.create"),
                        false));
    }

    private static void addUser(List<UserEntry> users, String username, String name, String email, List<String> roles) {
        if (users.stream().anyMatch((u) -> username.equals(u.getUsername()))) {
            return;
        }
        UserEntry entry = new UserEntry();
        entry.setUsername(username);
        entry.setDisplayName(name);
        entry.setEmail(email);
        entry.setRoles(new java.util.ArrayList<>(roles));
        users.add(entry);
    }

    private static void addClient(List<ClientDefinition> clients, ClientDefinition entry) {
        if (clients.stream().noneMatch((c) -> Objects.equals(entry.getClientId(), c.getClientId()))) {
            clients.add(entry);
        }
    }

    private static ClientDefinition client(
            String id,
            String name,
            List<String> grants,
            List<String> methods,
            List<String> redirects,
            List<String> postLogout,
            List<String> scopes,
            boolean consent) {
        ClientDefinition entry = new ClientDefinition();
        entry.setClientId(id);
        entry.setClientName(name);
        entry.setGrantTypes(new java.util.ArrayList<>(grants));
        entry.setAuthMethods(new java.util.ArrayList<>(methods));
        entry.setRedirectUris(new java.util.ArrayList<>(redirects));
        entry.setPostLogoutRedirectUris(new java.util.ArrayList<>(postLogout));
        entry.setScopes(new java.util.ArrayList<>(scopes));
        entry.setRequireConsent(consent);
        return entry;
    }
}
