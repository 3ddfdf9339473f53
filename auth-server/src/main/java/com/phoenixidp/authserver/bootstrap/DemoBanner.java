package com.phoenixidp.authserver.bootstrap;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.phoenixidp.authserver.config.PhoenixProperties;

/**
 * In the demo profile, prints how to use the demo users and clients once the server is up:
 * where their generated secrets are (never the secrets themselves) and a ready {@code curl}.
 */
@Component
public class DemoBanner {

	private static final Logger LOG = LoggerFactory.getLogger("phoenix.demo");

	private final PhoenixProperties properties;

	public DemoBanner(PhoenixProperties properties) {
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void printUsage() {
		if (!this.properties.getDemo().isEnabled()) {
			return;
		}
		Path secrets = this.properties.getDataDir().resolve("secrets");
		String issuer = this.properties.getIssuer();
		LOG.info("""

				================================ Phoenix IdP demo ================================
				 Issuer:     {}
				 Discovery:  {}/.well-known/openid-configuration
				 Secrets:    {}/  (owner-only files, generated on first start)
				 Users:      alice (role user), bob (roles user, admin)
				             password of each in {}/<user>.password
				 Clients:    demo-web      confidential, authorization code + PKCE, redirect
				                           http://localhost:8080/login/oauth2/code/phoenix
				             demo-spa      public (no secret), authorization code + PKCE
				             demo-service  client credentials, scopes api.read api.write
				             demo-admin    client credentials, scope phoenix.admin (key rotation)
				             secret of each in {}/<client-id>.secret
				 Try it:
				   curl -s -u "demo-service:$(cat {}/demo-service.secret)" \\
				        -d grant_type=client_credentials -d scope=api.read {}/oauth2/token
				==================================================================================""",
				issuer, issuer, secrets, secrets, secrets, secrets, issuer);
	}

}
