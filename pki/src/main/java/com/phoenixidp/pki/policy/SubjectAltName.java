package com.phoenixidp.pki.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/**
 * One subject alternative name (RFC 5280 section 4.2.1.6): a DNS name, an IP address, a URI
 * (SPIFFE IDs included) or an e-mail address. Instances are validated and normalised.
 *
 * @param type  the kind of name
 * @param value the normalised value (lower-case DNS names, canonical IP text)
 */
public record SubjectAltName(Type type, String value) {

    /** The supported general-name kinds. */
    public enum Type {
        DNS("dns"),
        IP("ip"),
        URI("uri"),
        EMAIL("email");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        /** The prefix used in {@code --san prefix:value}. */
        public String prefix() {
            return prefix;
        }
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");

    public SubjectAltName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** A validated DNS name (a leading {@code *.} wildcard label is allowed). */
    public static SubjectAltName dns(String name) {
        String normalised = name.toLowerCase(Locale.ROOT);
        if (!isDnsName(normalised, true)) {
            throw new InvalidSubjectAltNameException("invalid DNS name '" + name + "'");
        }
        return new SubjectAltName(Type.DNS, normalised);
    }

    /** A validated IPv4 or IPv6 literal (never resolved). */
    public static SubjectAltName ip(String literal) {
        return new SubjectAltName(Type.IP, parseIpLiteral(literal).getHostAddress());
    }

    /** A validated absolute URI; {@code spiffe://} IDs must follow the SPIFFE ID rules. */
    public static SubjectAltName uri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSubjectAltNameException("invalid URI '" + text + "'");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
            throw new InvalidSubjectAltNameException("invalid URI '" + text + "' (need scheme://host/...)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.contains("/./") || path.contains("/../") || path.endsWith("/..") || path.endsWith("/.")) {
            throw new InvalidSubjectAltNameException("invalid URI '" + text + "' (dot segments)");
        }
        if ("spiffe".equalsIgnoreCase(uri.getScheme())
                && (uri.getRawUserInfo() != null
                        || uri.getPort() != -1
                        || uri.getRawQuery() != null
                        || uri.getRawFragment() != null
                        || !isDnsName(uri.getHost().toLowerCase(Locale.ROOT), false))) {
            throw new InvalidSubjectAltNameException("invalid SPIFFE ID '" + text + "'");
        }
        return new SubjectAltName(Type.URI, text);
    }

    /** A validated e-mail address (RFC 822 mailbox, lower-case domain). */
    public static SubjectAltName email(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0
                || !EMAIL_LOCAL.matcher(address.substring(0, at)).matches()
                || !isDnsName(address.substring(at + 1).toLowerCase(Locale.ROOT), false)) {
            throw new InvalidSubjectAltNameException("invalid e-mail address '" + address + "'");
        }
        return new SubjectAltName(
                Type.EMAIL,
                address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** Parses the command-line form {@code dns:NAME}, {@code ip:ADDR}, {@code uri:URI} or {@code email:ADDR}. */
    public static SubjectAltName parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidSubjectAltNameException(
                    "invalid --san '" + text + "' (expected dns:, ip:, uri: or email: followed by a value)");
        }
        String prefix = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1);
        return switch (prefix) {
            case "dns" -> dns(value);
            case "ip" -> ip(value);
            case "uri" -> uri(value);
            case "email" -> email(value);
            default ->
                throw new InvalidSubjectAltNameException(
                        "invalid --san '" + text + "' (unknown type '" + prefix + "'; use dns, ip, uri or email)");
        };
    }

    /** Converts a general name from a CSR; unsupported kinds are rejected. */
    public static SubjectAltName fromGeneralName(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> dns(((ASN1String) name.getName()).getString());
            case GeneralName.uniformResourceIdentifier -> uri(((ASN1String) name.getName()).getString());
            case GeneralName.rfc822Name -> email(((ASN1String) name.getName()).getString());
            case GeneralName.iPAddress ->
                ipAddress(ASN1OctetString.getInstance(name.getName()).getOctets());
            default ->
                throw new InvalidSubjectAltNameException(
                        "unsupported subject alternative name type " + name.getTagNo());
        };
    }

    /** An IP SAN from the 4 or 16 octets of a general name. */
    private static SubjectAltName ipAddress(byte[] octets) {
        try {
            if (octets.length != 4 && octets.length != 16) {
                throw new UnknownHostException();
            }
            return new SubjectAltName(Type.IP, InetAddress.getByAddress(octets).getHostAddress());
        } catch (UnknownHostException e) {
            throw new InvalidSubjectAltNameException("invalid IP address in subject alternative name");
        }
    }

    /** This name as a BouncyCastle general name. */
    public GeneralName toGeneralName() {
        return switch (type) {
            case DNS -> new GeneralName(GeneralName.dNSName, value);
            case IP -> new GeneralName(GeneralName.iPAddress, value);
            case URI -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
            case EMAIL -> new GeneralName(GeneralName.rfc822Name, value);
        };
    }

    /** The resolved address of an IP name (a literal; no DNS lookup happens). */
    public InetAddress address() {
        if (type != Type.IP) {
            throw new IllegalStateException("not an IP name");
        }
        return parseIpLiteral(value);
    }

    @Override
    public String toString() {
        return type.prefix() + ":" + value;
    }

    /** Whether {@code name} (lower case) is a syntactically valid host name. */
    static boolean isDnsName(String name, boolean allowWildcard) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String rest = name;
        if (allowWildcard && rest.startsWith("*.")) {
            rest = rest.substring(2);
        }
        String[] labels = rest.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IPv4/IPv6 literal without any name resolution. */
    static InetAddress parseIpLiteral(String literal) {
        boolean valid = IPV4.matcher(literal).matches() || (literal.contains(":") && IPAddress.isValidIPv6(literal));
        if (!valid) {
            throw new InvalidSubjectAltNameException("invalid IP address '" + literal + "'");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new InvalidSubjectAltNameException("invalid IP address '" + literal + "'");
        }
    }
}
