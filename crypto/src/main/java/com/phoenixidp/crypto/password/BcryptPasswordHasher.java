package com.phoenixidp.crypto.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt password hashing (Provos &amp; Mazières 1999, OWASP Password Storage Cheat Sheet) with a
 * per-hash random salt and a pre-hash so that passwords longer than bcrypt's 72-byte limit are
 * never truncated silently.
 *
 * <p>Scheme {@code {bcrypt-sha256}} (like passlib's {@code bcrypt_sha256}):
 * <pre>
 *   salt     = BCrypt.gensalt(cost, secureRandom)                 // "$2a$" cost "$" 22 chars
 *   prehash  = base64(HMAC-SHA-256(key = ASCII(salt), msg = UTF-8(password)))   // 44 chars, no NUL
 *   stored   = "{bcrypt-sha256}" + bcrypt(prehash, salt)
 * </pre>
 * Every byte of the password counts, whatever its length. Verification recomputes the hash with
 * the stored salt and compares in constant time ({@link MessageDigest#isEqual}).
 *
 * <p>Plain {@code $2a$/$2b$/$2y$} hashes imported from other systems are accepted by
 * {@link #matches} (passwords over 72 UTF-8 bytes are refused rather than truncated) and always
 * report {@link #needsRehash} so they are upgraded on the next login.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    /** Prefix (algorithm id) of values produced by this hasher. */
    public static final String PREFIX = "{bcrypt-sha256}";

    public static final int MIN_COST = 10;
    /** jBCrypt 0.4 rejects log rounds above 30, so 30 is the highest usable cost. */
    public static final int MAX_COST = 30;

    private static final int CALIBRATION_CAP = 16;
    private static final int BCRYPT_MAX_BYTES = 72;
    private static final int SALT_LENGTH = 29;
    private static final Pattern BCRYPT = Pattern.compile("\\$2([aby])\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private final int cost;
    private final SecureRandom random;

    public BcryptPasswordHasher(int cost, SecureRandom random) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException(
                    "bcrypt cost must be in [" + MIN_COST + "," + MAX_COST + "], was " + cost);
        }
        this.cost = cost;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The configured cost (log2 of the number of rounds). */
    public int cost() {
        return cost;
    }

    /**
     * The smallest cost &gt;= 10 whose single hash takes at least {@code target} on this host,
     * measured after a warm-up, capped at 16.
     */
    public static int calibrateCost(Duration target) {
        Objects.requireNonNull(target, "target");
        SecureRandom random = new SecureRandom();
        hashWithCost("warm-up-password", MIN_COST, random); // JIT warm-up
        for (int c = MIN_COST; c < CALIBRATION_CAP; c++) {
            long start = System.nanoTime();
            hashWithCost("calibration-password", c, random);
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(target) >= 0) {
                return c;
            }
        }
        return CALIBRATION_CAP;
    }

    @Override
    public String hash(CharSequence rawPassword) {
        Objects.requireNonNull(rawPassword, "rawPassword");
        return hashWithCost(rawPassword, cost, random);
    }

    private static String hashWithCost(CharSequence rawPassword, int cost, SecureRandom random) {
        String salt = BCrypt.gensalt(cost, random);
        return PREFIX + BCrypt.hashpw(prehash(rawPassword, salt), salt);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        if (rawPassword == null || encodedHash == null) {
            return false;
        }
        try {
            if (encodedHash.startsWith(PREFIX)) {
                String bcrypt = encodedHash.substring(PREFIX.length());
                if (!isWellFormed(bcrypt)) {
                    return false;
                }
                String salt = bcrypt.substring(0, SALT_LENGTH);
                return constantTimeEquals(BCrypt.hashpw(prehash(rawPassword, salt), asRevisionA(salt)), bcrypt);
            }
            if (isWellFormed(encodedHash)) {
                byte[] utf8 = utf8(rawPassword);
                boolean tooLong = utf8.length > BCRYPT_MAX_BYTES;
                Arrays.fill(utf8, (byte) 0);
                if (tooLong) {
                    return false; // refuse rather than silently compare only the first 72 bytes
                }
                return constantTimeEquals(BCrypt.hashpw(rawPassword.toString(), asRevisionA(encodedHash)), encodedHash);
            }
            return false;
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        if (encodedHash == null || !encodedHash.startsWith(PREFIX)) {
            return true;
        }
        Matcher m = BCRYPT.matcher(encodedHash.substring(PREFIX.length()));
        return !m.matches() || Integer.parseInt(m.group(2)) < cost;
    }

    private static boolean isWellFormed(String bcrypt) {
        Matcher m = BCRYPT.matcher(bcrypt);
        if (!m.matches()) {
            return false;
        }
        int c = Integer.parseInt(m.group(2));
        return c >= 4 && c <= MAX_COST;
    }

    /** $2b$ and $2y$ are the same algorithm as (fixed) $2a$, which is the only revision jBCrypt 0.4 reads. */
    private static String asRevisionA(String bcrypt) {
        return "$2a" + bcrypt.substring(3);
    }

    /** Compares everything after the revision prefix ("$2x"), so $2b$/$2y$ imports compare correctly. */
    private static boolean constantTimeEquals(String computed, String stored) {
        byte[] a = computed.substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] b = stored.substring(3).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }

    static String prehash(CharSequence rawPassword, String salt) {
        byte[] message = utf8(rawPassword);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            Arrays.fill(message, (byte) 0);
        }
    }

    private static byte[] utf8(CharSequence chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            Arrays.fill(buffer.array(), offset, offset + buffer.capacity(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "BcryptPasswordHasher[cost=" + cost + "]";
    }
}
