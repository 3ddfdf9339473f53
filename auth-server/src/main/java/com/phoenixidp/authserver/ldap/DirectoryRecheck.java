package com.phoenixidp.authserver.ldap;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserRepository;
import com.phoenixidp.authserver.user.UserService;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.stereotype.Component;

/**
 * Asks the directory again before tokens are issued for a directory user whose last confirmation
 * (sign-in or re-check) is older than {@code phoenix.ldap.recheck-interval}. A user removed from
 * the directory, or matching its {@code disabled-filter}, gets {@code invalid_grant} (RFC 6749
 * section 5.2) and loses every session and token here; a user still there has profile and roles
 * refreshed. When the directory cannot be reached, a refresh is refused (the refresh token stays
 * valid, to retry later), while a code exchange goes ahead: the user has just proven a credential
 * in the browser (a password checked by the directory, or a passkey).
 */
@Component
public class DirectoryRecheck {

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

    private final LdapDirectory directory;

    private final LdapAccounts accounts;

    private final LdapAccountRepository accountRecords;

    private final UserRepository users;

    private final UserService userService;

    private final LdapProperties properties;

    private final Clock clock;

    private final AuditLog audit;

    public DirectoryRecheck(
            LdapDirectory directory,
            LdapAccounts accounts,
            LdapAccountRepository accountRecords,
            UserRepository users,
            UserService userService,
            LdapProperties properties,
            Clock clock,
            AuditLog audit) {
        this.directory = directory;
        this.accounts = accounts;
        this.accountRecords = accountRecords;
        this.users = users;
        this.userService = userService;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Called for every JWT Phoenix issues, before its claims are filled (a part of the token
     * customizer; not an {@code OAuth2TokenCustomizer} bean itself, as Spring Authorization
     * Server uses that bean only when there is exactly one).
     */
    public void check(JwtEncodingContext context) {
        AuthorizationGrantType grant = context.getAuthorizationGrantType();
        Authentication principal = context.getPrincipal();
        if (!this.directory.configured()
                || principal == null
                || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant)) {
            return;
        }
        PhoenixUser user = this.users.findByUsername(principal.getName()).orElse(null);
        if (user == null || !LdapAccounts.SOURCE.equals(user.source())) {
            return;
        }
        LdapAccountRepository.LdapAccount account =
                this.accountRecords.find(user.id()).orElse(null);
        if (account != null
                && account.checkedAt()
                        .plus(this.properties.getRecheckInterval())
                        .isAfter(this.clock.instant())) {
            return;
        }
        boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.equals(grant);
        Optional<DirectoryEntry> entry;
        try {
            entry = (account != null)
                    ? this.directory.findByDn(account.dn())
                    : this.directory.findByUsername(user.username());
        } catch (DirectoryUnavailableException ex) {
            if (!refresh) {
                return;
            }
            this.audit.event("token.refresh_refused", "user", user.username(), "reason", "directory_unavailable");
            throw invalidGrant();
        }
        if (entry.isEmpty() || entry.get().disabled()) {
            this.audit.event(
                    "ldap.user_refused",
                    "user",
                    user.username(),
                    "reason",
                    entry.isEmpty() ? "removed_from_directory" : "disabled_in_directory",
                    "grant",
                    grant.getValue());
            this.userService.logoutEverywhere(user.id(), LdapAccounts.DIRECTORY);
            throw invalidGrant();
        }
        this.accounts.synchronize(entry.get());
    }

    private static OAuth2AuthenticationException invalidGrant() {
        return new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_GRANT, "The user's directory account could not be confirmed.", ERROR_URI));
    }
}
