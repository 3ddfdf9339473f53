package com.phoenixidp.authserver.client;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Reads a registered client's logout settings (as stored by the bootstrap, admin API and RFC 7591). */
public final class ClientLogoutSettings {

    private ClientLogoutSettings() {}

    /** The client's OpenID Connect Back-Channel Logout URI ({@code backchannel-logout-uri}), or null. */
    public static String backchannelLogoutUri(RegisteredClient client) {
        return client.getClientSettings().getSetting(RegisteredClientMapper.BACKCHANNEL_LOGOUT_URI);
    }
}
