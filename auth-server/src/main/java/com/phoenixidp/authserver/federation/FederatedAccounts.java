package com.phoenixidp.authserver.federation;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.user.ExternalRoles;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import com.phoenixidp.authserver.user.UserService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Finds or creates the local user of an upstream identity, whose ID token was already validated:
 * the link (alias, {@code sub}) first; on a first sign-in, with {@code link-by: verified-email},
 * the one local user with that e-mail when the provider says {@code email_verified: true};
 * otherwise a new user (source = the alias) named after the upstream username or e-mail, made
 * unique. Roles from the provider's claims are merged with local groups ({@link ExternalRoles}).
 */
@Component
public class FederatedAccounts {

    private static final Pattern NOT_IN_USERNAME = Pattern.compile("[^A-Za-z0-9._@+-]");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    private final UserService users;

    private final ExternalRoles roles;

    private final FederatedIdentityRepository links;

    private final AuditLog audit;

    private final Clock clock;

    public FederatedAccounts(
            UserService users, ExternalRoles roles, FederatedIdentityRepository links, AuditLog audit, Clock clock) {
        this.users = users;
        this.roles = roles;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    /** The local user for this upstream identity (created or linked on first sign-in). */
    public PhoenixUser signIn(String alias, FederationProperties.Provider provider, OidcUser upstream) {
        String subject = upstream.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw refused("invalid_subject");
        }
        Actor actor = new Actor(alias, "federation", null);
        FederatedIdentityRepository.FederatedIdentity link =
                this.links.find(alias, subject).orElse(null);
        PhoenixUser user = (link != null) ? this.users.find(link.userId()).orElse(null) : null;
        if (user == null) {
            user = firstSignIn(alias, provider, upstream, actor);
            link = this.links.find(alias, subject).orElseThrow();
        } else if (alias.equals(user.source())) {
            user = refreshProfile(user, provider, upstream, actor);
        }
        if (!user.enabled()) {
            throw refused("account_disabled");
        }
        List<String> granted = this.roles.apply(
                user.id(),
                Objects.requireNonNull(link, "a user found or created here is linked")
                        .upstreamRoles(),
                upstreamRoles(provider, upstream),
                actor);
        this.links.recordSignIn(alias, subject, granted, this.clock.instant());
        return this.users.get(user.id());
    }

    private PhoenixUser firstSignIn(
            String alias, FederationProperties.Provider provider, OidcUser upstream, Actor actor) {
        String email = emailOf(provider, upstream);
        PhoenixUser user = null;
        boolean created = false;
        if (provider.getLinkBy() == FederationProperties.LinkBy.VERIFIED_EMAIL
                && email != null
                && Boolean.TRUE.equals(upstream.getEmailVerified())) {
            user = onlyUserWithEmail(email).orElse(null);
        }
        if (user == null) {
            user = create(alias, provider, upstream, email, actor);
            created = true;
        }
        try {
            this.links.insert(alias, upstream.getSubject(), user.id(), this.clock.instant());
        } catch (DuplicateKeyException ex) {
            // a concurrent first sign-in of the same identity won: use its user
            if (created) {
                this.users.delete(user.id(), actor);
            }
            return this.users.get(
                    this.links.find(alias, upstream.getSubject()).orElseThrow().userId());
        }
        this.audit.event(
                "federation.linked",
                actor,
                "user",
                user.username(),
                "provider",
                alias,
                "how",
                created ? "created" : "verified_email");
        return user;
    }

    private Optional<PhoenixUser> onlyUserWithEmail(String email) {
        List<PhoenixUser> matches = this.users
                .search(new Filter.Compare("emails", Filter.Operator.EQ, email), 1, 2)
                .items();
        return (matches.size() == 1) ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private PhoenixUser create(
            String alias,
            FederationProperties.Provider provider,
            OidcUser upstream,
            @Nullable String email,
            Actor actor) {
        String base = usernameCandidate(alias, provider, upstream, email);
        UserDraft draft = profileOf(upstream, email).withUsername(base);
        for (int n = 1; n <= 100; n++) {
            String name = (n == 1) ? base : clip(base, 190) + "-" + n;
            if (this.users.findByUsername(name).isPresent()) {
                continue;
            }
            try {
                return this.users.create(draft.withUsername(name), alias, actor);
            } catch (ManagementException ex) {
                if (ex.reason() != ManagementException.Reason.CONFLICT) {
                    throw refused("invalid_profile");
                }
                // taken between the check and the insert: try the next name
            }
        }
        throw refused("username_unavailable");
    }

    private PhoenixUser refreshProfile(
            PhoenixUser user, FederationProperties.Provider provider, OidcUser upstream, Actor actor) {
        UserDraft wanted = profileOf(upstream, emailOf(provider, upstream))
                .withUsername(user.username())
                .withActive(user.enabled())
                .withMfa(user.mfa())
                .withExternalId(user.externalId());
        return wanted.equals(UserDraft.of(user)) ? user : this.users.replace(user.id(), wanted, -1, actor);
    }

    private static UserDraft profileOf(OidcUser upstream, @Nullable String email) {
        return UserDraft.named("placeholder")
                .withEmail(email, email != null && Boolean.TRUE.equals(upstream.getEmailVerified()))
                .withDisplayName(clip(upstream.getFullName(), 200))
                .withName(clip(upstream.getGivenName(), 200), clip(upstream.getFamilyName(), 200));
    }

    /** preferred_username (or the configured claim), else the e-mail, else alias and a hash of sub. */
    static String usernameCandidate(
            String alias, FederationProperties.Provider provider, OidcUser upstream, @Nullable String email) {
        Object claim = upstream.getClaims().get(provider.getUsernameClaim());
        String name = (claim instanceof String s && !s.isBlank()) ? s : email;
        if (name == null || name.isBlank()) {
            name = alias + "-" + shortHash(upstream.getSubject());
        }
        name = NOT_IN_USERNAME.matcher(name).replaceAll("-");
        return clip(name, 180);
    }

    private static @Nullable String emailOf(FederationProperties.Provider provider, OidcUser upstream) {
        Object value = upstream.getClaims().get(provider.getEmailClaim());
        return (value instanceof String s && EMAIL.matcher(s).matches()) ? s : null;
    }

    /** The provider's roles claim (a string or strings) through its role mapping. */
    static List<String> upstreamRoles(FederationProperties.Provider provider, OidcUser upstream) {
        if (provider.getRolesClaim() == null || provider.getRolesClaim().isBlank()) {
            return List.of();
        }
        Object claim = upstream.getClaims().get(provider.getRolesClaim());
        List<String> values = new ArrayList<>();
        if (claim instanceof String s) {
            values.add(s);
        } else if (claim instanceof Collection<?> list) {
            list.forEach((v) -> values.add(String.valueOf(v)));
        }
        Set<String> mapped = new LinkedHashSet<>();
        for (String value : values) {
            String role = value;
            for (Map.Entry<String, String> rule : provider.getRoleMapping().entrySet()) {
                if (rule.getKey().equals(value)) {
                    role = rule.getValue();
                    break;
                }
            }
            if (role != null && !role.isBlank()) {
                mapped.add(role);
            }
        }
        return List.copyOf(mapped);
    }

    static OAuth2AuthenticationException refused(String reason) {
        return new OAuth2AuthenticationException(new OAuth2Error(reason), reason);
    }

    private static String clip(String value, int max) {
        return (value == null || value.length() <= max) ? value : value.substring(0, max);
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
