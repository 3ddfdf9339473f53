package com.phoenixidp.authserver.passwordreset;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.token.TokenHashes;
import com.phoenixidp.authserver.user.PasswordPolicy;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Forgotten passwords, by e-mail (NIST SP 800-63B section 6.1.2.3: a secret sent to an address
 * the account controls). A request for an address returns at once and looks the same whether or
 * not an account uses it: finding the account and sending the mail happen on one background
 * thread with a bounded queue, so neither the answer nor its timing tells an attacker which
 * addresses are known. A link carries a token of {@value #TOKEN_BYTES} random bytes (256 bits),
 * stored only as its SHA-256, usable once and for {@code phoenix.password-reset.ttl}; a new link
 * replaces the account's older ones. Using it sets a new password (same policy as everywhere)
 * and ends every session and token of the account.
 */
@Service
public class PasswordResetService implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetService.class);

    static final int TOKEN_BYTES = 32;

    /** Accounts sharing one address that get a link each (more are ignored). */
    private static final int MAX_ACCOUNTS_PER_ADDRESS = 5;

    /** Requests waiting for the mail thread; beyond this they are dropped (and audited). */
    private static final int QUEUE = 100;

    /** RFC 5321 section 4.5.3.1: a path is at most 256 octets; be generous, but bounded. */
    private static final int MAX_ADDRESS_LENGTH = 320;

    private final @Nullable JavaMailSender mail;

    private final UserService users;

    private final PasswordPolicy policy;

    private final PasswordResetStore store;

    private final PasswordResetProperties properties;

    private final String issuer;

    private final Clock clock;

    private final SecureRandom random;

    private final AuditLog audit;

    private final ThreadPoolExecutor worker;

    public PasswordResetService(
            ObjectProvider<JavaMailSender> mail,
            UserService users,
            PasswordPolicy policy,
            PasswordResetStore store,
            PasswordResetProperties properties,
            PhoenixProperties phoenix,
            Clock clock,
            SecureRandom random,
            AuditLog audit) {
        this.mail = mail.getIfAvailable();
        this.users = users;
        this.policy = policy;
        this.store = store;
        this.properties = properties;
        this.issuer = phoenix.getIssuer();
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.worker =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), (runnable) -> {
                    Thread thread = new Thread(runnable, "phoenix-password-reset-mail");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** True when a mail server is configured ({@code spring.mail.host}): only then is reset offered. */
    public boolean available() {
        return this.mail != null;
    }

    /** How long a link works. */
    public Duration ttl() {
        return this.properties.getTtl();
    }

    /**
     * Accepts a reset request for {@code email} from {@code clientAddress}; returns at once, the
     * same way for every address. The lookup and the mail happen later, on the mail thread.
     */
    public void request(String email, String clientAddress) {
        if (!available() || email == null) {
            return;
        }
        String address = email.trim();
        if (address.isEmpty() || address.length() > MAX_ADDRESS_LENGTH) {
            return;
        }
        try {
            this.worker.execute(() -> process(address, clientAddress));
        } catch (RejectedExecutionException ex) {
            LOG.warn("Password-reset request dropped: {} requests are already waiting for the mail thread", QUEUE);
            this.audit.event("password_reset.dropped", "address", clientAddress, "outcome", "failure");
        }
    }

    /** The account a link belongs to, if it is still usable (the reset page asks before showing the form). */
    public Optional<PhoenixUser> usableAccount(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        return this.store
                .findUsable(TokenHashes.hash(token), this.clock.instant())
                .flatMap(this.users::find)
                .filter(PhoenixUser::enabled);
    }

    /**
     * Uses a link: checks the new password against the policy first (a refused password leaves
     * the link usable), then consumes the link (exactly one of concurrent uses wins) and sets the
     * password, ending every session and token of the account.
     *
     * @throws InvalidResetLinkException when the link is unknown, expired, used or its account disabled
     * @throws com.phoenixidp.authserver.management.ManagementException when the password breaks the policy
     */
    public PhoenixUser complete(String token, String newPassword, String clientAddress) {
        PhoenixUser user = usableAccount(token).orElseThrow(() -> {
            this.audit.event("password_reset.failed", "address", clientAddress, "reason", "unusable_link");
            return new InvalidResetLinkException();
        });
        this.policy.check(user.username(), newPassword);
        if (!this.store.consume(TokenHashes.hash(token), this.clock.instant())) {
            this.audit.event(
                    "password_reset.failed", "user", user.username(), "address", clientAddress, "reason", "used");
            throw new InvalidResetLinkException();
        }
        this.store.deleteUnused(user.id());
        this.users.resetPassword(user.id(), newPassword, new Actor(user.username(), "password-reset", clientAddress));
        return user;
    }

    /** The mail thread's part: find the accounts of the address, send each a fresh link. */
    void process(String email, String clientAddress) {
        try {
            Instant now = this.clock.instant();
            this.store.deleteExpiredBefore(now.minus(Duration.ofDays(1)));
            List<PhoenixUser> accounts = this.users
                    .search(
                            new Filter.And(
                                    new Filter.Compare("emails", Filter.Operator.EQ, email),
                                    new Filter.Compare("active", Filter.Operator.EQ, true)),
                            1,
                            MAX_ACCOUNTS_PER_ADDRESS)
                    .items()
                    .stream()
                    // accounts of an LDAP directory or an upstream provider have no password here
                    .filter((u) -> PhoenixUser.LOCAL.equals(u.source()))
                    .toList();
            if (accounts.isEmpty()) {
                this.audit.event("password_reset.requested", "address", clientAddress, "accounts", 0);
                return;
            }
            for (PhoenixUser user : accounts) {
                sendLink(user, now, clientAddress);
            }
        } catch (RuntimeException ex) {
            LOG.warn("Password-reset request failed: {}", ex.getClass().getSimpleName());
        }
    }

    private void sendLink(PhoenixUser user, Instant now, String clientAddress) {
        Duration ttl = this.properties.getTtl();
        Duration interval = this.properties.getResendInterval();
        if (!interval.isZero()
                && this.store.hasUnusedExpiringAfter(user.id(), now.plus(ttl).minus(interval))) {
            // a link went out moments ago: do not flood the mailbox
            this.audit.event(
                    "password_reset.requested", "user", user.username(), "address", clientAddress, "sent", false);
            return;
        }
        String token = newToken();
        this.store.deleteUnused(user.id());
        this.store.insert(TokenHashes.hash(token), user.id(), now.plus(ttl));
        try {
            Objects.requireNonNull(this.mail, "links are sent only while a mail sender is available")
                    .send(PasswordResetMail.message(
                            PasswordResetMail.sender(this.properties.getFrom(), this.issuer),
                            Objects.requireNonNull(user.email(), "the account was found by its address"),
                            user.username(),
                            this.issuer,
                            token,
                            ttl));
            this.audit.event(
                    "password_reset.requested", "user", user.username(), "address", clientAddress, "sent", true);
        } catch (MailException ex) {
            this.store.deleteUnused(user.id());
            LOG.warn("Password-reset mail could not be sent: {}", ex.getClass().getSimpleName());
            this.audit.event(
                    "password_reset.mail_failed",
                    "user",
                    user.username(),
                    "reason",
                    ex.getClass().getSimpleName());
        }
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        this.random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** base64url of 32 bytes is 43 characters; anything else is not one of ours. */
    private static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(PasswordResetService::isBase64Url);
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    @Override
    public void destroy() {
        this.worker.shutdownNow();
    }
}
