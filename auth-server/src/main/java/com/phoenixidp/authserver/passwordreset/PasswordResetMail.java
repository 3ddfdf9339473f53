package com.phoenixidp.authserver.passwordreset;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.SimpleMailMessage;

/**
 * The reset mail: a plain-text message with the link {@code <issuer>/reset-password?token=...}.
 * The link is built from the configured issuer, never from the request (its Host header is the
 * attacker's to choose, which would send the victim's token to the attacker's server).
 */
final class PasswordResetMail {

    static final String PATH = "/reset-password";

    private PasswordResetMail() {}

    /** The link for this token; {@code issuer} is {@code phoenix.issuer}. */
    static String link(String issuer, String token) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + PATH + "?token=" + token;
    }

    /** The configured sender, or {@code no-reply@<issuer host>}. */
    static String sender(@Nullable String configured, String issuer) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host = URI.create(issuer).getHost();
        return "no-reply@" + ((host != null) ? host : "localhost");
    }

    static SimpleMailMessage message(
            String from, String to, String username, String issuer, String token, Duration ttl) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("Reset your password");
        message.setText("Someone, hopefully you, asked to reset the password of the account \"" + username
                + "\" at " + issuer + ".\n\n"
                + "To choose a new password, open this link within " + minutes(ttl) + ":\n\n"
                + link(issuer, token) + "\n\n"
                + "The link works once. Choosing a new password signs the account out everywhere.\n\n"
                + "If you did not ask for this, ignore this message: your password stays as it is.\n");
        return message;
    }

    private static String minutes(Duration ttl) {
        long minutes = Math.max(1, ttl.toMinutes());
        return (minutes == 1) ? "1 minute" : minutes + " minutes";
    }
}
