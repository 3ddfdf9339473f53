package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.authserver.client.ClientDefinition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Declarative bootstrap ({@code phoenix.bootstrap.users} / {@code phoenix.bootstrap.clients}),
 * applied idempotently on every start: entries are created or updated to match, nothing else is
 * touched. Field names follow the README ("Declarative bootstrap"); a client entry is a
 * {@link ClientDefinition}, the same shape the admin API reads and writes.
 */
@ConfigurationProperties("phoenix.bootstrap")
public class BootstrapProperties {

    private List<UserEntry> users = new ArrayList<>();

    private List<ClientDefinition> clients = new ArrayList<>();

    public List<UserEntry> getUsers() {
        return this.users;
    }

    public void setUsers(List<UserEntry> users) {
        this.users = users;
    }

    public List<ClientDefinition> getClients() {
        return this.clients;
    }

    public void setClients(List<ClientDefinition> clients) {
        this.clients = clients;
    }

    /** One user. {@code password} is hashed before it is stored; it is never logged. */
    public static class UserEntry {

        private @Nullable String username;

        private @Nullable String password;

        private @Nullable String email;

        private boolean emailVerified = true;

        private @Nullable String displayName;

        private List<String> roles = new ArrayList<>(List.of("user"));

        private boolean enabled = true;

        private @Nullable String mfa;

        public @Nullable String getUsername() {
            return this.username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public @Nullable String getEmail() {
            return this.email;
        }

        public void setEmail(@Nullable String email) {
            this.email = email;
        }

        public boolean isEmailVerified() {
            return this.emailVerified;
        }

        public void setEmailVerified(boolean emailVerified) {
            this.emailVerified = emailVerified;
        }

        public @Nullable String getDisplayName() {
            return this.displayName;
        }

        public void setDisplayName(@Nullable String displayName) {
            this.displayName = displayName;
        }

        public List<String> getRoles() {
            return this.roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getMfa() {
            return this.mfa;
        }

        public void setMfa(@Nullable String mfa) {
            this.mfa = mfa;
        }

        @Override
        public String toString() {
            return "UserEntry[username=" + this.username + "]";
        }
    }
}
