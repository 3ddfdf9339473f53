package com.phoenixidp.authserver.client;

import java.util.Objects;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.phoenixidp.crypto.secret.ClientSecretHasher;

/**
 * The encoder for OAuth client secrets only: a keyed HMAC-SHA-256 (fast, because client secrets
 * are generated high-entropy values, not human passwords). {@link #upgradeEncoding} is always
 * false so Spring's client authentication never "upgrades" a stored secret to bcrypt.
 */
public final class ClientSecretPasswordEncoder implements PasswordEncoder {

	private final ClientSecretHasher hasher;

	public ClientSecretPasswordEncoder(ClientSecretHasher hasher) {
		this.hasher = Objects.requireNonNull(hasher, "hasher");
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.hasher.hash(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		return this.hasher.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return false;
	}

}
