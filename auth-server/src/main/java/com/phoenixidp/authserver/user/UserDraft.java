package com.phoenixidp.authserver.user;

import org.jspecify.annotations.Nullable;

/**
 * The editable part of a user, as a create or replace request: SCIM, the admin API, the console
 * and bootstrap all fill one of these and hand it to {@link UserService}. {@code password} is
 * only set to change it (null keeps the current one) and never stored unhashed; it is left out
 * of {@link #toString()}.
 */
public record UserDraft(
        @Nullable String username,
        @Nullable String password,
        @Nullable String email,
        boolean emailVerified,
        @Nullable String displayName,
        @Nullable String givenName,
        @Nullable String familyName,
        @Nullable String externalId,
        boolean active,
        @Nullable String mfa) {

    /** A draft of an existing user (password unchanged), to modify and pass to replace. */
    public static UserDraft of(PhoenixUser user) {
        return new UserDraft(
                user.username(),
                null,
                user.email(),
                user.emailVerified(),
                user.displayName(),
                user.givenName(),
                user.familyName(),
                user.externalId(),
                user.enabled(),
                user.mfa());
    }

    public static UserDraft named(String username) {
        return new UserDraft(username, null, null, false, null, null, null, null, true, null);
    }

    public UserDraft withUsername(@Nullable String value) {
        return new UserDraft(
                value, password, email, emailVerified, displayName, givenName, familyName, externalId, active, mfa);
    }

    public UserDraft withPassword(@Nullable String value) {
        return new UserDraft(
                username, value, email, emailVerified, displayName, givenName, familyName, externalId, active, mfa);
    }

    public UserDraft withEmail(@Nullable String value, boolean verified) {
        return new UserDraft(
                username, password, value, verified, displayName, givenName, familyName, externalId, active, mfa);
    }

    public UserDraft withDisplayName(@Nullable String value) {
        return new UserDraft(
                username, password, email, emailVerified, value, givenName, familyName, externalId, active, mfa);
    }

    public UserDraft withName(@Nullable String given, @Nullable String family) {
        return new UserDraft(
                username, password, email, emailVerified, displayName, given, family, externalId, active, mfa);
    }

    public UserDraft withExternalId(@Nullable String value) {
        return new UserDraft(
                username, password, email, emailVerified, displayName, givenName, familyName, value, active, mfa);
    }

    public UserDraft withActive(boolean value) {
        return new UserDraft(
                username, password, email, emailVerified, displayName, givenName, familyName, externalId, value, mfa);
    }

    public UserDraft withMfa(@Nullable String value) {
        return new UserDraft(
                username,
                password,
                email,
                emailVerified,
                displayName,
                givenName,
                familyName,
                externalId,
                active,
                value);
    }

    @Override
    public String toString() {
        return "UserDraft[username=" + this.username + ", email=" + this.email + ", active=" + this.active
                + ", password=" + ((this.password != null) ? "***" : "unchanged") + "]";
    }
}
