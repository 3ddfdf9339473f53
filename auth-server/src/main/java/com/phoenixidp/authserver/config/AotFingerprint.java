package com.phoenixidp.authserver.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.env.StandardEnvironment;

/**
 * What decides which beans the application has, as one digest: with Spring AOT the bean definitions
 * are fixed when the build processes the application, so its generated code is only right for a
 * start whose configuration has the same digest ({@link AotFingerprintCheck}).
 *
 * <p>Spring Boot's and this application's conditions read properties (presence and values), the
 * active profiles, the cloud platform (from environment variables such as
 * {@code KUBERNETES_SERVICE_HOST}) and the Java version. The digest covers all of them, erring
 * towards too much: every property of the configuration files and the command line, with its
 * value after placeholders are resolved (so that {@code ${LDAP_URL:}} counts with what it becomes),
 * and the system properties and environment variables that Spring's relaxed binding turns into
 * properties under {@code spring}, {@code server}, {@code management}, {@code logging} or
 * {@code phoenix} (other variables such as {@code PWD} are not configuration and change from one
 * shell to the next). Left out are only properties that no condition reads, so that a benchmark's
 * or a test's own port, data directory and bootstrap clients still use the processed code:
 * {@code server.port} and {@code server.address} (but {@code server.port} counts whenever
 * {@code management.server.port} is set, which Spring Boot compares it with), {@code phoenix.data-dir},
 * {@code phoenix.issuer}, {@code phoenix.bootstrap.*} (the users and clients a first start creates),
 * {@code logging.level.*}, {@code spring.aot.*}, {@code spring.context.exit}, and where configuration
 * files are read from ({@code spring.config.location}, {@code .additional-location}, {@code .import},
 * {@code .name}; what the files hold counts). The first four are
 * masked in placeholders too, so a datasource URL built from the data directory does not count either.
 *
 * <p>The values enter only the digest; the record written next to the generated code holds the
 * digest, the property names, the Java version, the profiles and the cloud platform, never a value.
 */
final class AotFingerprint {

    /** The record's location on the class path, written by {@link AotFingerprintContribution}. */
    static final String RESOURCE = "META-INF/phoenix/aot-configuration.txt";

    private static final Set<String> ROOTS = Set.of("spring", "server", "management", "logging", "phoenix");

    private static final Set<String> RUNTIME_ONLY =
            Set.of("serverport", "serveraddress", "phoenixdatadir", "phoenixissuer", "springcontextexit");

    private static final List<String> RUNTIME_ONLY_PREFIXES = List.of(
            "logginglevel",
            "springaot",
            "phoenixbootstrap",
            // where configuration files are read from: what they hold is in the digest
            "springconfiglocation",
            "springconfigadditionallocation",
            "springconfigimport",
            "springconfigname",
            "springconfigactivate");

    /**
     * Sources that are no configuration of their own: Spring Boot's view of all the others, the
     * process id with the application's version, and Micrometer Tracing's log-correlation flag (a
     * view of {@code management.tracing.export.enabled}, added by a post-processor that may run
     * after {@link AotFingerprintCheck}).
     */
    private static final Set<String> SKIPPED_SOURCES =
            Set.of("configurationProperties", "applicationInfo", "logCorrelation");

    private static final String MASK = "<set at start-up>";

    private final String digest;

    private final SortedSet<String> names;

    private final String java;

    private final String profiles;

    private final String cloudPlatform;

    private AotFingerprint(String digest, SortedSet<String> names, String java, String profiles, String cloudPlatform) {
        this.digest = digest;
        this.names = names;
        this.java = java;
        this.profiles = profiles;
        this.cloudPlatform = cloudPlatform;
    }

    /** The fingerprint of an environment whose configuration data has been loaded. */
    static AotFingerprint of(ConfigurableEnvironment environment) {
        MutablePropertySources sources = new MutablePropertySources();
        boolean managementPort = false;
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!SKIPPED_SOURCES.contains(source.getName())) {
                sources.addLast(source);
                managementPort |= source.containsProperty("management.server.port")
                        || source.containsProperty("MANAGEMENT_SERVER_PORT");
            }
        }
        Map<String, Object> masked = new TreeMap<>();
        masked.put("server.address", MASK);
        masked.put("phoenix.data-dir", MASK);
        masked.put("phoenix.issuer", MASK);
        if (!managementPort) {
            masked.put("server.port", MASK);
        }
        sources.addFirst(new MapPropertySource("phoenix-aot-runtime-only", masked));
        PropertySourcesPropertyResolver resolver = new PropertySourcesPropertyResolver(sources);
        resolver.setIgnoreUnresolvableNestedPlaceholders(true);

        SortedMap<String, String> values = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)
                    || SKIPPED_SOURCES.contains(source.getName())) {
                continue;
            }
            boolean filtered = isSystemSource(source);
            for (String name : enumerable.getPropertyNames()) {
                if ((filtered && !ROOTS.contains(root(name)))
                        || (runtimeOnly(name)
                                && !(managementPort && squash(name).equals("serverport")))
                        || values.containsKey(name)) {
                    continue;
                }
                values.put(name, value(resolver, enumerable, name));
            }
        }
        String java = Integer.toString(Runtime.version().feature());
        String profiles = String.join(",", environment.getActiveProfiles());
        CloudPlatform platform = CloudPlatform.getActive(environment);
        String cloud = platform == null ? "none" : platform.name();

        MessageDigest sha256 = sha256();
        update(sha256, "java", java);
        update(sha256, "profiles", profiles);
        update(sha256, "cloud", cloud);
        values.forEach((name, value) -> update(sha256, name, value));
        String digest = HexFormat.of().formatHex(sha256.digest());
        return new AotFingerprint(digest, new TreeSet<>(values.keySet()), java, profiles, cloud);
    }

    /** Reads a record written by {@link #record()}; null when it is not one. */
    static @Nullable AotFingerprint parse(String record) {
        String digest = null;
        String java = null;
        String profiles = null;
        String cloud = null;
        SortedSet<String> names = new TreeSet<>();
        for (String line : record.split("\n", -1)) {
            int space = line.indexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            String key = line.substring(0, space);
            String value = line.substring(space + 1);
            switch (key) {
                case "digest" -> digest = value;
                case "java" -> java = value;
                case "profiles" -> profiles = value;
                case "cloud-platform" -> cloud = value;
                case "property" -> names.add(value);
                default -> {
                    // a later version's line: ignored
                }
            }
        }
        return (digest == null || java == null || profiles == null || cloud == null)
                ? null
                : new AotFingerprint(digest, names, java, profiles, cloud);
    }

    /** The record kept with the generated code: no property value, only their digest. */
    String record() {
        StringBuilder text = new StringBuilder()
                .append("# The configuration Spring AOT processed (Phoenix IdP, see README \"Start-up time\")\n")
                .append("digest ")
                .append(digest)
                .append('\n')
                .append("java ")
                .append(java)
                .append('\n')
                .append("profiles ")
                .append(profiles)
                .append('\n')
                .append("cloud-platform ")
                .append(cloudPlatform)
                .append('\n');
        names.forEach(name -> text.append("property ").append(name).append('\n'));
        return text.toString();
    }

    String digest() {
        return digest;
    }

    /**
     * Null when this start's configuration is the processed one; else what differs, for the log
     * (property names, the Java version, profiles or the cloud platform; never a value).
     */
    @Nullable
    String differenceFrom(AotFingerprint processed) {
        if (digest.equals(processed.digest)) {
            return null;
        }
        List<String> differences = new ArrayList<>();
        if (!java.equals(processed.java)) {
            differences.add("Java " + java + " instead of " + processed.java);
        }
        if (!profiles.equals(processed.profiles)) {
            differences.add("profiles [" + profiles + "] instead of [" + processed.profiles + "]");
        }
        if (!cloudPlatform.equals(processed.cloudPlatform)) {
            differences.add("cloud platform " + cloudPlatform + " instead of " + processed.cloudPlatform);
        }
        SortedSet<String> added = new TreeSet<>(names);
        added.removeAll(processed.names);
        SortedSet<String> removed = new TreeSet<>(processed.names);
        removed.removeAll(names);
        if (!added.isEmpty()) {
            differences.add("set now but not then: " + abbreviate(added));
        }
        if (!removed.isEmpty()) {
            differences.add("set then but not now: " + abbreviate(removed));
        }
        if (differences.isEmpty()) {
            differences.add("the same properties, but not all with the same values");
        }
        return String.join("; ", differences);
    }

    private static String abbreviate(SortedSet<String> names) {
        List<String> shown = new ArrayList<>(names).subList(0, Math.min(names.size(), 8));
        return String.join(", ", shown)
                + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "");
    }

    private static boolean isSystemSource(PropertySource<?> source) {
        String name = source.getName();
        return name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                || name.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    }

    private static String value(
            PropertySourcesPropertyResolver resolver, EnumerablePropertySource<?> source, String name) {
        try {
            String value = resolver.getProperty(name);
            if (value != null) {
                return value;
            }
        } catch (RuntimeException notAString) {
            // a value no converter turns into text (a map, say): its own string form below
        }
        return String.valueOf(source.getProperty(name));
    }

    /**
     * Whether a property (or an environment variable naming one) is left out of the digest as one
     * that no condition reads: no {@code @Conditional} of this application may read one
     * ({@code AotFingerprintTest} checks the {@code @ConditionalOnProperty} annotations).
     */
    static boolean runtimeOnly(String name) {
        String canonical = squash(name);
        return RUNTIME_ONLY.contains(canonical)
                || RUNTIME_ONLY_PREFIXES.stream().anyMatch(canonical::startsWith);
    }

    /** The first segment of a property or environment variable name, lower case. */
    private static String root(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < lower.length() && Character.isLetterOrDigit(lower.charAt(end))) {
            end++;
        }
        return lower.substring(0, end);
    }

    /** Lower case without separators: {@code PHOENIX_DATA_DIR} and {@code phoenix.data-dir} alike. */
    private static String squash(String name) {
        StringBuilder squashed = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && c != '_' && c != '-') {
                squashed.append(Character.toLowerCase(c));
            }
        }
        return squashed.toString();
    }

    private static void update(MessageDigest digest, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        digest.update((n.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(n);
        digest.update((v.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(v);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }
}
