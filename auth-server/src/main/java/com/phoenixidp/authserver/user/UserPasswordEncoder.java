package com.phoenixidp.authserver.user;

import java.util.Objects;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.phoenixidp.crypto.password.PasswordHasher;

/**
 * Spring's {@link PasswordEncoder} over the crypto module's {@link PasswordHasher} for human
 * passwords: {@link #upgradeEncoding} reports a hash made with a lower cost or an older scheme,
 * so a successful login re-hashes it.
 */
public final class UserPasswordEncoder implements PasswordEncoder {

	private final PasswordHasher hasher;

	public UserPasswordEncoder(PasswordHasher hasher) {
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
		return encodedPassword != null && this.hasher.needsRehash(encodedPassword);
	}

}
