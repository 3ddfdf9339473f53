package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.ManagementException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (NIST SP 800-63B section 3.1.1.2): at least
 * {@code phoenix.password.min-length} characters (default 8), at most 1,024, no composition
 * rules, and not the username. The same rules for SCIM, the admin API, the console, the account
 * page and bootstrap.
 */
@Component
public class PasswordPolicy {

    static final int MAX_LENGTH = 1024;

    private final int minLength;

    public PasswordPolicy(PhoenixProperties properties) {
        this.minLength = Math.max(1, properties.getPassword().getMinLength());
    }

    /**
     * Checks a new password for this user; throws {@link ManagementException} (field
     * {@code password}) naming the rule, never echoing the password.
     */
    public void check(String username, String password) {
        if (password == null || password.isEmpty()) {
            throw ManagementException.invalid("password", "must not be empty");
        }
        int length = password.codePointCount(0, password.length());
        if (length < this.minLength) {
            throw ManagementException.invalid("password", "must be at least " + this.minLength + " characters");
        }
        if (length > MAX_LENGTH) {
            throw ManagementException.invalid("password", "must be at most " + MAX_LENGTH + " characters");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            throw ManagementException.invalid("password", "must not be the username");
        }
    }

    public int minLength() {
        return this.minLength;
    }
}
