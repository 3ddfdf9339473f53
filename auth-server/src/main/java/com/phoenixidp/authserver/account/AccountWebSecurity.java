package com.phoenixidp.authserver.account;

import java.util.List;

/**
 * What the page filter chain needs to know about the account pages: the self-service actions
 * need a full sign-in. The pending second-factor state, which may open {@code /account} to
 * register a first passkey, is not enough to change the password, end sessions or revoke apps.
 */
public final class AccountWebSecurity {

    /** Password change, sessions and connected apps. */
    public static final List<String> SIGNED_IN_PATHS =
            List.of("/account/password", "/account/sessions/**", "/account/apps/**");

    private AccountWebSecurity() {}
}
