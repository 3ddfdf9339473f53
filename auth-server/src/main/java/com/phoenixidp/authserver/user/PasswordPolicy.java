package com.phoenixidp.authserver.user;

import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.ManagementException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (NIST SP 800-63B section 3.1.1.2): at least
 * {@code phoenix.password.min-length} characters (default 8), at most 1,024, no composition
 * rules, not the username, and not one of the common passwords of breach corpuses shipped in
 * {@value #COMMON_PASSWORDS} (compared ignoring case; source and licence in its header). The
 * same rules for SCIM, the admin API, the console, the account page, password reset and
 * bootstrap.
 */
@Component
public class PasswordPolicy {

    static final int MAX_LENGTH = 1024;

    /** Class-path resource: one password a line, {@code #} comment lines. */
    static final String COMMON_PASSWORDS = "passwords/common-passwords.txt";

    private final int minLength;

    private final Set<String> common;

    @Autowired
    public PasswordPolicy(PhoenixProperties properties) {
        this(properties.getPassword().getMinLength(), loadCommonPasswords());
    }

    PasswordPolicy(int minLength, Set<String> commonPasswords) {
        this.minLength = Math.max(1, minLength);
        this.common = Set.copyOf(commonPasswords);
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
        if (isCommon(password)) {
            throw ManagementException.invalid(
                    "password", "is too common: it is on a list of passwords known from data breaches");
        }
    }

    /** True when the password (ignoring case) is on the common-password list. */
    public boolean isCommon(String password) {
        return password != null && this.common.contains(password.toLowerCase(Locale.ROOT));
    }

    public int minLength() {
        return this.minLength;
    }

    /** How many common passwords are refused. */
    public int commonPasswordCount() {
        return this.common.size();
    }

    /** Reads the shipped list once (lower-cased); a missing list is a packaging error. */
    static Set<String> loadCommonPasswords() {
        InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS);
        if (in == null) {
            throw new IllegalStateException("the common-password list " + COMMON_PASSWORDS + " is missing");
        }
        Set<String> passwords = new HashSet<>(40_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Collections.unmodifiableSet(passwords);
    }
}
