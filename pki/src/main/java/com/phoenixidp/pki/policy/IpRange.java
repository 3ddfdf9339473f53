package com.phoenixidp.pki.policy;

import com.phoenixidp.pki.PkiException;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 CIDR range such as {@code 10.0.0.0/8} (a bare address is a /32 or /128).
 *
 * @param text the range as given
 */
public record IpRange(String text) {

    public IpRange {
        parse(text);
    }

    private static Object[] parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network;
        try {
            network = SubjectAltName.parseIpLiteral(address);
        } catch (InvalidSubjectAltNameException e) {
            throw new PkiException("invalid IP range '" + text + "' (expected CIDR such as 10.0.0.0/8)");
        }
        int bits = network.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new PkiException("invalid IP range '" + text + "' (prefix length out of range)");
            }
        }
        return new Object[] {network.getAddress(), prefix};
    }

    /** The network address bytes with host bits cleared. */
    public byte[] network() {
        Object[] parsed = parse(text);
        byte[] address = (byte[]) parsed[0];
        byte[] mask = mask();
        for (int i = 0; i < address.length; i++) {
            address[i] &= mask[i];
        }
        return address;
    }

    /** The network mask bytes. */
    public byte[] mask() {
        Object[] parsed = parse(text);
        int length = ((byte[]) parsed[0]).length;
        int prefix = (Integer) parsed[1];
        byte[] mask = new byte[length];
        for (int i = 0; i < prefix; i++) {
            mask[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return mask;
    }

    /** Whether {@code address} lies inside this range (IPv4 never matches an IPv6 range). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] network = network();
        byte[] mask = mask();
        if (candidate.length != network.length) {
            return false;
        }
        for (int i = 0; i < candidate.length; i++) {
            if ((candidate[i] & mask[i]) != network[i]) {
                return false;
            }
        }
        return true;
    }

    /** Network followed by mask, the encoding a NameConstraints iPAddress subtree uses (RFC 5280 4.2.1.10). */
    public byte[] constraintOctets() {
        byte[] network = network();
        byte[] mask = mask();
        byte[] out = Arrays.copyOf(network, network.length * 2);
        System.arraycopy(mask, 0, out, network.length, mask.length);
        return out;
    }
}
