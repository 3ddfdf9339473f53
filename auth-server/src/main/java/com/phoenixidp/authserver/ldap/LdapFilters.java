package com.phoenixidp.authserver.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * Builds LDAP search filters from configured templates and untrusted values, so that a value can
 * never change a filter's structure (LDAP injection): every value is escaped as RFC 4515 section 3
 * requires before it replaces {@code {0}}, {@code {1}}, ... in the template, and the result is parsed
 * once more, so that a broken template fails here rather than at the directory.
 */
public final class LdapFilters {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LdapFilters() {}

    /**
     * RFC 4515 section 3 {@code valueencoding}: the octets NUL, {@code (}, {@code )}, {@code *} and
     * {@code \} may not appear literally in an assertion value; each becomes {@code \} followed by
     * two hex digits. All other characters (UTF-8 included) stay as they are.
     */
    public static String encodeValue(String value) {
        StringBuilder encoded = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\0', '(', ')', '*', '\\' ->
                    encoded.append('\\').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                default -> encoded.append(c);
            }
        }
        return encoded.toString();
    }

    /** The template with {@code {i}} replaced by the encoded {@code values[i]}, as a string filter. */
    public static String format(String template, String... values) {
        StringBuilder result = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = (c == '{') ? template.indexOf('}', i) : -1;
            if (close > i + 1 && isIndex(template, i + 1, close)) {
                int index = Integer.parseInt(template.substring(i + 1, close));
                if (index >= values.length) {
                    throw new IllegalArgumentException(
                            "the filter " + template + " uses {" + index + "}, which is not" + " available here");
                }
                result.append(encodeValue(values[index]));
                i = close + 1;
            } else {
                result.append(c);
                i++;
            }
        }
        return result.toString();
    }

    /** {@link #format} parsed as a filter; an invalid template is an {@link IllegalArgumentException}. */
    public static Filter create(String template, String... values) {
        String text = format(template, values);
        try {
            return Filter.create(text);
        } catch (LDAPException ex) {
            throw new IllegalArgumentException("not an LDAP filter (RFC 4515): " + template, ex);
        }
    }

    /** Checks a configured template at start-up (with harmless sample values). */
    static void validate(String property, String template, int placeholders) {
        if (template == null || template.isBlank()) {
            throw new IllegalStateException(property + " must be an LDAP filter such as (uid={0})");
        }
        String[] samples = new String[placeholders];
        java.util.Arrays.fill(samples, "sample");
        try {
            create(template, samples);
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException(property + ": " + ex.getMessage(), ex);
        }
    }

    private static boolean isIndex(String text, int from, int to) {
        if (to - from > 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
