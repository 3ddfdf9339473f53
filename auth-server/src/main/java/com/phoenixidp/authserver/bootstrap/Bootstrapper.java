package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.authserver.bootstrap.BootstrapProperties.UserEntry;
import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.ClientService;
import com.phoenixidp.authserver.config.ClusterLock;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.user.GroupService;
import com.phoenixidp.authserver.user.PasswordPolicy;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.authserver.user.UserService;
import com.phoenixidp.crypto.password.PasswordHasher;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Applies {@code phoenix.bootstrap} (and, in the demo profile, the demo users and clients) before
 * the server accepts requests. Every entry is validated first, so a bad entry stops start-up
 * with a message naming it and changes nothing.
 */
@Component
public class Bootstrapper implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(Bootstrapper.class);

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,200}");

    private final BootstrapProperties bootstrap;

    private final PhoenixProperties properties;

    private final UserRepository users;

    private final UserService userService;

    private final GroupService groupService;

    private final PasswordPolicy passwordPolicy;

    private final PasswordHasher passwordHasher;

    private final ClientBootstrap clientBootstrap;

    private final SecretFiles secretFiles;

    private final SecureRandom random;

    private final ClusterLock clusterLock;

    private final List<String> demoNotes = new ArrayList<>();

    public Bootstrapper(
            BootstrapProperties bootstrap,
            PhoenixProperties properties,
            UserRepository users,
            UserService userService,
            GroupService groupService,
            PasswordPolicy passwordPolicy,
            PasswordHasher passwordHasher,
            ClientService clients,
            SecureRandom random,
            ClusterLock clusterLock) {
        this.bootstrap = bootstrap;
        this.properties = properties;
        this.users = users;
        this.userService = userService;
        this.groupService = groupService;
        this.passwordPolicy = passwordPolicy;
        this.passwordHasher = passwordHasher;
        this.secretFiles = new SecretFiles(properties.getDataDir());
        this.clientBootstrap = new ClientBootstrap(clients, this.secretFiles);
        this.random = random;
        this.clusterLock = clusterLock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<UserEntry> userEntries = new ArrayList<>(this.bootstrap.getUsers());
        List<ClientDefinition> clientEntries = new ArrayList<>(this.bootstrap.getClients());
        if (this.properties.getDemo().isEnabled()) {
            DemoData.addMissing(userEntries, clientEntries, this.properties);
        }
        validate(userEntries, clientEntries);
        // nodes starting at the same moment apply the entries one after the other (the later ones
        // find them applied), never both creating the same user or client
        this.clusterLock.holding("bootstrap", () -> {
            apply(userEntries, clientEntries);
            return null;
        });
    }

    private void apply(List<UserEntry> userEntries, List<ClientDefinition> clientEntries) {
        for (int i = 0; i < userEntries.size(); i++) {
            try {
                applyUser(userEntries.get(i));
            } catch (ManagementException ex) {
                throw new BootstrapException("phoenix.bootstrap.users[" + i + "] (username '"
                        + userEntries.get(i).getUsername() + "'): " + ex.getMessage());
            }
        }
        for (int i = 0; i < clientEntries.size(); i++) {
            this.clientBootstrap.apply("phoenix.bootstrap.clients[" + i + "]", clientEntries.get(i));
        }
        if (!userEntries.isEmpty() || !clientEntries.isEmpty()) {
            LOG.info("Bootstrap applied: {} user(s), {} client(s)", userEntries.size(), clientEntries.size());
        }
    }

    private void validate(List<UserEntry> userEntries, List<ClientDefinition> clientEntries) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < userEntries.size(); i++) {
            UserEntry entry = userEntries.get(i);
            String where = "phoenix.bootstrap.users[" + i + "]";
            if (entry.getUsername() == null
                    || !USERNAME.matcher(entry.getUsername()).matches()) {
                throw new BootstrapException(where + ": username: required, 1-200 characters of A-Z a-z 0-9 . _ @ + -");
            }
            where += " (username '" + entry.getUsername() + "')";
            if (!seen.add(entry.getUsername())) {
                throw new BootstrapException(where + ": username: listed twice");
            }
            boolean demoGenerated = DemoData.isDemoUser(entry) && entry.getPassword() == null;
            if (entry.getPassword() == null
                    && !demoGenerated
                    && this.users.findByUsername(entry.getUsername()).isEmpty()) {
                throw new BootstrapException(where + ": password: required for a new user");
            }
            if (entry.getPassword() != null) {
                try {
                    this.passwordPolicy.check(entry.getUsername(), entry.getPassword());
                } catch (ManagementException ex) {
                    throw new BootstrapException(where + ": " + ex.getMessage());
                }
            }
            if (entry.getMfa() != null && !"passkey".equals(entry.getMfa()) && !"none".equals(entry.getMfa())) {
                throw new BootstrapException(where + ": mfa: must be 'passkey' or 'none'");
            }
            if (entry.getEmail() != null && !entry.getEmail().matches("[^@\\s]+@[^@\\s]+")) {
                throw new BootstrapException(where + ": email: '" + entry.getEmail() + "' is not an e-mail address");
            }
            for (String role : entry.getRoles()) {
                if (role == null || !role.matches("[A-Za-z0-9._-]{1,50}")) {
                    throw new BootstrapException(where + ": roles: '" + role + "' is not a valid role name");
                }
            }
        }
        seen.clear();
        for (int i = 0; i < clientEntries.size(); i++) {
            ClientDefinition entry = clientEntries.get(i);
            String where = "phoenix.bootstrap.clients[" + i + "]";
            this.clientBootstrap.validate(where, entry);
            if (!seen.add(entry.getClientId())) {
                throw new BootstrapException(
                        where + " (client-id '" + entry.getClientId() + "'): client-id: listed twice");
            }
        }
    }

    private void applyUser(UserEntry entry) {
        String username = Objects.requireNonNull(entry.getUsername(), "usernames are checked before they are applied");
        PhoenixUser existing = this.users.findByUsername(username).orElse(null);
        String mfa = "none".equals(entry.getMfa()) ? null : entry.getMfa();
        if (existing == null) {
            String password = entry.getPassword();
            if (password == null) {
                password = generatePassword();
                this.secretFiles.write(username + ".password", password);
            }
            PhoenixUser created = this.userService.create(
                    UserDraft.named(username)
                            .withPassword(password)
                            .withEmail(entry.getEmail(), entry.isEmailVerified())
                            .withDisplayName(entry.getDisplayName())
                            .withActive(entry.isEnabled())
                            .withMfa(mfa),
                    Actor.BOOTSTRAP);
            this.groupService.setRoles(created.id(), entry.getRoles(), Actor.BOOTSTRAP);
            return;
        }
        UserDraft draft = UserDraft.of(existing)
                .withEmail(entry.getEmail(), entry.isEmailVerified())
                .withDisplayName(entry.getDisplayName())
                .withActive(entry.isEnabled())
                .withMfa((entry.getMfa() != null) ? mfa : existing.mfa());
        String hash = existing.passwordHash();
        if (entry.getPassword() != null && (hash == null || !this.passwordHasher.matches(entry.getPassword(), hash))) {
            draft = draft.withPassword(entry.getPassword());
        }
        if (!draft.equals(UserDraft.of(existing))) {
            this.userService.replace(existing.id(), draft, -1, Actor.BOOTSTRAP);
        }
        if (!sameRoles(existing.roles(), entry.getRoles())) {
            this.groupService.setRoles(existing.id(), entry.getRoles(), Actor.BOOTSTRAP);
        }
    }

    private static boolean sameRoles(List<String> current, List<String> wanted) {
        Set<String> a = new HashSet<>();
        current.forEach((r) -> a.add(r.toLowerCase(java.util.Locale.ROOT)));
        Set<String> b = new HashSet<>();
        wanted.forEach((r) -> b.add(r.toLowerCase(java.util.Locale.ROOT)));
        return a.equals(b);
    }

    private String generatePassword() {
        byte[] bytes = new byte[15];
        this.random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    SecretFiles secretFiles() {
        return this.secretFiles;
    }

    List<String> demoNotes() {
        return this.demoNotes;
    }
}
