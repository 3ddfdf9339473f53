package com.phoenixidp.pki.policy;

import com.phoenixidp.pki.PkiException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.jspecify.annotations.Nullable;

/**
 * Which names the CA may certify, in the manner of step-ca's x509 policy: allowed DNS suffixes,
 * IP ranges, URI prefixes and e-mail domains. An empty policy allows every well-formed name.
 * Once any rule is set, every subject alternative name must match a rule of its own type (a
 * type without rules is denied), and the intermediate carries matching RFC 5280 4.2.1.10
 * name constraints so relying parties enforce the same limits.
 *
 * @param dnsSuffixes  DNS names allowed, each with all its subdomains (lower case, no leading dot)
 * @param ipRanges     IP ranges allowed
 * @param uriPrefixes  URI prefixes allowed (matched on whole path segments)
 * @param emailDomains e-mail domains allowed
 */
public record NamePolicy(
        List<String> dnsSuffixes, List<IpRange> ipRanges, List<String> uriPrefixes, List<String> emailDomains) {

    /** The policy that allows every well-formed name. */
    public static final NamePolicy ALLOW_ALL = new NamePolicy(List.of(), List.of(), List.of(), List.of());

    public NamePolicy {
        dnsSuffixes = dnsSuffixes.stream().map(NamePolicy::normaliseDomain).toList();
        ipRanges = List.copyOf(ipRanges);
        uriPrefixes = uriPrefixes.stream().map(NamePolicy::validatePrefix).toList();
        emailDomains = emailDomains.stream().map(NamePolicy::normaliseDomain).toList();
    }

    /** Builds a policy from command-line strings (CIDR text for IP ranges). */
    public static NamePolicy of(
            List<String> dnsSuffixes, List<String> ipRanges, List<String> uriPrefixes, List<String> emailDomains) {
        return new NamePolicy(dnsSuffixes, ipRanges.stream().map(IpRange::new).toList(), uriPrefixes, emailDomains);
    }

    /** Whether no rule is set. */
    public boolean allowsAll() {
        return dnsSuffixes.isEmpty() && ipRanges.isEmpty() && uriPrefixes.isEmpty() && emailDomains.isEmpty();
    }

    /**
     * Checks a request's names. The common name is checked as a DNS name when it looks like a
     * host name (contains a dot) and is not itself one of the SANs, as OpenSSL does.
     */
    public void check(String commonName, List<SubjectAltName> sans) {
        if (allowsAll()) {
            return;
        }
        for (SubjectAltName san : sans) {
            if (!allows(san)) {
                throw new NameNotAllowedException("name " + san + " is not allowed by the CA's name policy");
            }
        }
        boolean coveredBySan = sans.stream().anyMatch(san -> san.value().equalsIgnoreCase(commonName));
        String cn = commonName.toLowerCase(Locale.ROOT);
        if (!coveredBySan && cn.contains(".") && !(SubjectAltName.isDnsName(cn, true) && dnsAllowed(cn))) {
            throw new NameNotAllowedException(
                    "common name '" + commonName + "' is not allowed by the CA's name policy");
        }
    }

    /** Whether one name matches a rule of its type. */
    public boolean allows(SubjectAltName san) {
        if (allowsAll()) {
            return true;
        }
        return switch (san.type()) {
            case DNS -> dnsAllowed(san.value());
            case IP -> ipRanges.stream().anyMatch(range -> range.contains(san.address()));
            case URI -> uriPrefixes.stream().anyMatch(prefix -> uriMatches(prefix, san.value()));
            case EMAIL -> {
                String domain = san.value().substring(san.value().lastIndexOf('@') + 1);
                yield emailDomains.stream().anyMatch(allowed -> domainMatches(allowed, domain));
            }
        };
    }

    private boolean dnsAllowed(String name) {
        String host = name.startsWith("*.") ? name.substring(2) : name;
        return dnsSuffixes.stream().anyMatch(suffix -> domainMatches(suffix, host));
    }

    private static boolean domainMatches(String suffix, String name) {
        return name.equals(suffix) || name.endsWith("." + suffix);
    }

    private static boolean uriMatches(String prefix, String uri) {
        if (prefix.endsWith("/")) {
            return uri.startsWith(prefix);
        }
        return uri.equals(prefix) || uri.startsWith(prefix + "/");
    }

    /** RFC 5280 name constraints matching this policy, or {@code null} when the policy allows all. */
    public @Nullable NameConstraints nameConstraints() {
        if (allowsAll()) {
            return null;
        }
        List<GeneralSubtree> permitted = new ArrayList<>();
        dnsSuffixes.forEach(s -> permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, s))));
        ipRanges.forEach(r -> permitted.add(
                new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(r.constraintOctets())))));
        uriPrefixes.stream()
                .map(p -> URI.create(p).getHost().toLowerCase(Locale.ROOT))
                .distinct()
                .forEach(h ->
                        permitted.add(new GeneralSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, h))));
        emailDomains.forEach(d -> permitted.add(new GeneralSubtree(new GeneralName(GeneralName.rfc822Name, d))));
        List<GeneralSubtree> excluded = new ArrayList<>();
        if (ipRanges.isEmpty()) {
            // no IP rule: the policy denies every IP address, so exclude all of them
            excluded.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[8]))));
            excluded.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[32]))));
        }
        return new NameConstraints(
                permitted.toArray(GeneralSubtree[]::new),
                excluded.isEmpty() ? null : excluded.toArray(GeneralSubtree[]::new));
    }

    @Override
    public String toString() {
        if (allowsAll()) {
            return "allow all names";
        }
        List<String> parts = new ArrayList<>();
        dnsSuffixes.forEach(d -> parts.add("dns:" + d));
        ipRanges.forEach(r -> parts.add("ip:" + r.text()));
        uriPrefixes.forEach(u -> parts.add("uri:" + u));
        emailDomains.forEach(e -> parts.add("email:" + e));
        return "allow " + String.join(", ", parts);
    }

    /** Serialises the policy as properties text (the CA directory's {@code policy.properties}). */
    public String toProperties() {
        Properties properties = new Properties();
        properties.setProperty("allow.dns-suffixes", String.join(",", dnsSuffixes));
        properties.setProperty(
                "allow.ip-ranges", ipRanges.stream().map(IpRange::text).collect(Collectors.joining(",")));
        properties.setProperty("allow.uri-prefixes", String.join(" ", uriPrefixes));
        properties.setProperty("allow.email-domains", String.join(",", emailDomains));
        StringWriter out = new StringWriter();
        try {
            properties.store(out, "Phoenix IdP CA name policy");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Reads a policy written by {@link #toProperties()}. */
    public static NamePolicy fromProperties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new PkiException("unreadable name policy: " + e.getMessage());
        }
        return NamePolicy.of(
                split(properties.getProperty("allow.dns-suffixes"), ","),
                split(properties.getProperty("allow.ip-ranges"), ","),
                split(properties.getProperty("allow.uri-prefixes"), " "),
                split(properties.getProperty("allow.email-domains"), ","));
    }

    private static List<String> split(String value, String separator) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(separator))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String normaliseDomain(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith(".")) {
            d = d.substring(1);
        }
        if (!SubjectAltName.isDnsName(d, false)) {
            throw new PkiException("invalid domain '" + domain + "' in name policy");
        }
        return d;
    }

    private static String validatePrefix(String prefix) {
        URI uri;
        try {
            uri = URI.create(prefix);
        } catch (IllegalArgumentException e) {
            throw new PkiException("invalid URI prefix '" + prefix + "' in name policy");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new PkiException("invalid URI prefix '" + prefix + "' in name policy (need scheme://host...)");
        }
        return prefix;
    }
}
