package com.phoenixidp.authserver.logout;

import com.phoenixidp.authserver.client.ClientLogoutSettings;
import com.phoenixidp.authserver.session.EndedSession;
import com.phoenixidp.authserver.session.SessionEndListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect Back-Channel Logout 1.0, the OP side: when sessions end, one delivery per
 * (client, session) is queued for every client of the session that registered a
 * {@code backchannel-logout-uri} ({@link LogoutDeliveryStore}), in the transaction of the change
 * that ends them when there is one; {@link LogoutDeliverer} sends them from there, on any node.
 * Sessions without a {@code sid} (signed in before sids existed) are skipped: a logout token must
 * name the session its client knows.
 */
@Component
public class BackchannelLogout implements SessionEndListener {

    private static final Logger LOG = LoggerFactory.getLogger(BackchannelLogout.class);

    private final RegisteredClientRepository clients;

    private final LogoutDeliveryStore store;

    private final Clock clock;

    BackchannelLogout(RegisteredClientRepository clients, LogoutDeliveryStore store, Clock clock) {
        this.clients = clients;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void sessionsEnding(List<EndedSession> sessions) {
        Instant now = this.clock.instant();
        for (EndedSession session : sessions) {
            if (session.sid() == null) {
                continue;
            }
            for (String clientId : session.clients()) {
                RegisteredClient client = this.clients.findByClientId(clientId);
                if (client != null && ClientLogoutSettings.backchannelLogoutUri(client) != null) {
                    this.store.enqueue(clientId, session.username(), session.sid(), now);
                    LOG.debug("Back-channel logout queued for client {} (user {})", clientId, session.username());
                }
            }
        }
    }
}
