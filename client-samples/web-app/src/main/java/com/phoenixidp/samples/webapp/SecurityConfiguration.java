package com.phoenixidp.samples.webapp;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.AuthorizationCodeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;

/** oauth2Login with PKCE, RP-initiated logout, and an authorized-client manager that refreshes silently. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations) {
		// PKCE (RFC 7636) for this confidential client too, as OAuth 2.1 and RFC 9700 recommend
		// (Spring Security adds it by itself only for public clients)
		DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

		// OpenID Connect RP-Initiated Logout: end the IdP session too, then come back to the home page
		OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		logout.setPostLogoutRedirectUri("{baseUrl}/");

		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/", "/error", "/favicon.ico", "/app.css")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(authorizationRequests)))
			.logout((logoutConfig) -> logoutConfig.logoutSuccessHandler(logout));
		return http.build();
	}

	/**
	 * Gives the controller a valid access token: the one from sign-in while it is fresh, else a new
	 * one obtained with the refresh token, without the user noticing (silent refresh).
	 */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients, ApplicationEventPublisher events) {
		RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
		// publishes OAuth2AuthorizedClientRefreshedEvent: oauth2Login's listener then replaces the
		// signed-in OidcUser with the refreshed ID token (validated), which RP-initiated logout sends
		// as id_token_hint
		refresh.setApplicationEventPublisher(events);
		OAuth2AuthorizedClientProvider provider = new DelegatingOAuth2AuthorizedClientProvider(
				new AuthorizationCodeOAuth2AuthorizedClientProvider(), refresh);
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		return manager;
	}

}
