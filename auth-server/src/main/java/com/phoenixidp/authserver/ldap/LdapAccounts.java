package com.phoenixidp.authserver.ldap;

import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.user.ExternalRoles;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import com.phoenixidp.authserver.user.UserService;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The local ("shadow") record of each directory user, through {@link UserService} like every other
 * account: created at the first sign-in with source {@value #SOURCE} (a stable id, a passkey user
 * handle, no password), its profile and directory roles refreshed at every sign-in and re-check.
 * A name that belongs to a local (or upstream) account is never taken over.
 */
@Component
public class LdapAccounts {

    /** {@code phoenix_user.source} of directory users. */
    public static final String SOURCE = PhoenixUser.LDAP;

    /** Who changes shadow records, in the audit stream. */
    static final Actor DIRECTORY = new Actor("directory", "ldap", null);

    private static final Logger LOG = LoggerFactory.getLogger(LdapAccounts.class);

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,200}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    private final UserService users;

    private final ExternalRoles roles;

    private final LdapAccountRepository accounts;

    private final Clock clock;

    public LdapAccounts(UserService users, ExternalRoles roles, LdapAccountRepository accounts, Clock clock) {
        this.users = users;
        this.roles = roles;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Creates or refreshes the local record of a directory user who was just confirmed by the
     * directory; empty when the directory's username cannot be used here (taken by a non-directory
     * account, or characters a username may not have).
     */
    public Optional<PhoenixUser> synchronize(DirectoryEntry entry) {
        if (!USERNAME.matcher(entry.username()).matches()) {
            LOG.warn("LDAP user at {} has a username Phoenix cannot use; sign-in refused", entry.dn());
            return Optional.empty();
        }
        PhoenixUser existing = this.users.findByUsername(entry.username()).orElse(null);
        if (existing != null && !SOURCE.equals(existing.source())) {
            LOG.warn(
                    "LDAP user '{}' has the name of a {} account; the local account wins, sign-in refused",
                    entry.username(),
                    existing.source());
            return Optional.empty();
        }
        UserDraft profile = profileOf(entry);
        PhoenixUser user;
        try {
            user = (existing == null) ? create(profile) : refresh(existing, profile);
        } catch (ManagementException ex) {
            LOG.warn("LDAP user '{}' cannot be stored: {}; sign-in refused", entry.username(), ex.getMessage());
            return Optional.empty();
        }
        List<String> previous = this.accounts
                .find(user.id())
                .map(LdapAccountRepository.LdapAccount::directoryRoles)
                .orElse(List.of());
        List<String> granted = this.roles.apply(user.id(), previous, entry.roles(), DIRECTORY);
        this.accounts.save(user.id(), entry.dn(), granted, this.clock.instant());
        return this.users.find(user.id());
    }

    private PhoenixUser create(UserDraft profile) {
        try {
            return this.users.create(profile, SOURCE, DIRECTORY);
        } catch (ManagementException ex) {
            if (ex.reason() != ManagementException.Reason.CONFLICT) {
                throw ex;
            }
            // created by a concurrent first sign-in of the same user
            return this.users
                    .findByUsername(Objects.requireNonNull(profile.username(), "a directory profile has its username"))
                    .filter((u) -> SOURCE.equals(u.source()))
                    .orElseThrow(() -> ex);
        }
    }

    private PhoenixUser refresh(PhoenixUser current, UserDraft profile) {
        UserDraft wanted =
                profile.withActive(current.enabled()).withMfa(current.mfa()).withExternalId(current.externalId());
        if (wanted.equals(UserDraft.of(current))) {
            return current;
        }
        return this.users.replace(current.id(), wanted, -1, DIRECTORY);
    }

    /** The directory's attributes as a profile; values a user record cannot hold are left out. */
    static UserDraft profileOf(DirectoryEntry entry) {
        String email = (entry.email() != null && EMAIL.matcher(entry.email()).matches()) ? entry.email() : null;
        // the organisation's directory is the authority on its users' addresses
        return UserDraft.named(entry.username())
                .withEmail(email, email != null)
                .withDisplayName(clip(entry.displayName()))
                .withName(clip(entry.givenName()), clip(entry.familyName()));
    }

    private static @Nullable String clip(@Nullable String value) {
        return (value == null || value.length() <= 200) ? value : value.substring(0, 200);
    }
}
