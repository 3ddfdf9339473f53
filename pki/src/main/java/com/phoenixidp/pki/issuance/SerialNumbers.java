package com.phoenixidp.pki.issuance;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random certificate serial numbers (RFC 5280 4.1.2.2; CA/B Forum: at least 64 bits of CSPRNG
 * output). Each serial is 16 octets with 126 random bits: the top bits are fixed to 01 so the
 * number is positive and always prints as 32 hex digits.
 */
public final class SerialNumbers {

    private SerialNumbers() {}

    /** A new random serial. */
    public static BigInteger next(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x3f) | 0x40);
        return new BigInteger(1, bytes);
    }
}
