package com.phoenixidp.authserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AotFingerprintTest {

    /** An environment like a start's: the given system properties, variables and config file. */
    private static StandardEnvironment environment(
            Map<String, Object> systemProperties, Map<String, Object> variables, Map<String, Object> config) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                        new MapPropertySource(
                                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                                new HashMap<>(systemProperties)));
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'application.yml'", config));
        return environment;
    }

    private static final Map<String, Object> CONFIG = Map.of(
            "spring.datasource.url", "jdbc:h2:file:${phoenix.data-dir}/phoenix",
            "spring.profiles.active", "demo",
            "phoenix.demo.enabled", "true",
            "phoenix.ldap.bind-password", "correct-horse-battery-staple");

    private static AotFingerprint of(Map<String, Object> systemProperties, Map<String, Object> variables) {
        return AotFingerprint.of(environment(systemProperties, variables, CONFIG));
    }

    @Test
    void sameConfigurationWhenComparedThenNoDifference() {
        AotFingerprint processed = of(Map.of("java.io.tmpdir", "/tmp"), Map.of("PWD", "/work"));
        AotFingerprint now = of(Map.of("java.io.tmpdir", "/var/tmp"), Map.of("PWD", "/elsewhere", "TERM", "xterm"));

        assertThat(now.differenceFrom(processed))
                .as("JVM properties and shell variables are no configuration")
                .isNull();
        assertThat(now.digest()).isEqualTo(processed.digest());
    }

    @Test
    void runtimeOnlyPropertiesWhenChangedThenNoDifferenceEvenInPlaceholders() {
        AotFingerprint processed = of(Map.of("spring.aot.processing", "true"), Map.of());
        AotFingerprint now = of(
                Map.of(
                        "spring.aot.enabled",
                        "true",
                        "phoenix.data-dir",
                        "/srv/data",
                        "spring.context.exit",
                        "onRefresh",
                        "phoenix.bootstrap.clients[0].client-id",
                        "bench-rs256",
                        "spring.config.additional-location",
                        "file:/srv/bench.yml"),
                Map.of("SERVER_PORT", "9100", "PHOENIX_ISSUER", "https://id.example", "LOGGING_LEVEL_ROOT", "WARN"));

        assertThat(now.differenceFrom(processed)).isNull();
    }

    @Test
    void serverPortWhenManagementPortIsSetThenCounts() {
        AotFingerprint processed = of(Map.of(), Map.of("MANAGEMENT_SERVER_PORT", "9001", "SERVER_PORT", "9000"));
        AotFingerprint now = of(Map.of(), Map.of("MANAGEMENT_SERVER_PORT", "9001", "SERVER_PORT", "9001"));

        assertThat(now.differenceFrom(processed))
                .as("Spring Boot compares the two ports to decide on a separate management context")
                .isEqualTo("the same properties, but not all with the same values");
    }

    @Test
    void conditionPropertyWhenAddedThenNamedInTheDifference() {
        AotFingerprint processed = of(Map.of(), Map.of());
        AotFingerprint now = of(Map.of("spring.mail.host", "smtp.example"), Map.of("PHOENIX_LDAP_URL", "ldap://dir"));

        assertThat(now.differenceFrom(processed)).isEqualTo("set now but not then: PHOENIX_LDAP_URL, spring.mail.host");
        assertThat(processed.differenceFrom(now)).isEqualTo("set then but not now: PHOENIX_LDAP_URL, spring.mail.host");
    }

    @Test
    void valueWhenChangedThenDiffersWithoutSayingTheValue() {
        AotFingerprint processed = of(Map.of(), Map.of());
        Map<String, Object> config = new HashMap<>(CONFIG);
        config.put("phoenix.ldap.bind-password", "another-password");
        AotFingerprint now = AotFingerprint.of(environment(Map.of(), Map.of(), config));

        assertThat(now.differenceFrom(processed)).isEqualTo("the same properties, but not all with the same values");
    }

    @Test
    void profilesWhenActivatedOtherwiseThenDiffer() {
        StandardEnvironment environment = environment(Map.of(), Map.of(), CONFIG);
        AotFingerprint processed = AotFingerprint.of(environment);
        environment.setActiveProfiles("demo", "extra");

        assertThat(AotFingerprint.of(environment).differenceFrom(processed))
                .isEqualTo("profiles [demo,extra] instead of [demo]");
    }

    @Test
    void recordWhenReadBackThenSameFingerprintAndNoValue() {
        AotFingerprint processed = of(Map.of(), Map.of("PHOENIX_MASTER_KEY", "c2VjcmV0LW1hc3Rlci1rZXk="));

        String record = processed.record();
        AotFingerprint read = AotFingerprint.parse(record);

        assertThat(read).isNotNull();
        assertThat(read.digest()).isEqualTo(processed.digest());
        assertThat(processed.differenceFrom(read)).isNull();
        assertThat(record)
                .contains("property PHOENIX_MASTER_KEY", "property phoenix.ldap.bind-password", "java ")
                .doesNotContain("c2VjcmV0LW1hc3Rlci1rZXk=", "correct-horse-battery-staple", "jdbc:h2");
        assertThat(AotFingerprint.parse("not a record\n")).isNull();
    }

    @Test
    void processIdWhenDifferentThenNoDifference() {
        StandardEnvironment first = environment(Map.of(), Map.of(), CONFIG);
        first.getPropertySources()
                .addLast(new MapPropertySource("applicationInfo", Map.of("spring.application.pid", "101")));
        StandardEnvironment second = environment(Map.of(), Map.of(), CONFIG);
        second.getPropertySources()
                .addLast(new MapPropertySource("applicationInfo", Map.of("spring.application.pid", "202")));

        assertThat(AotFingerprint.of(second).differenceFrom(AotFingerprint.of(first)))
                .isNull();
    }

    @Test
    void conditionsOfThisApplicationWhenScannedThenReadNoPropertyLeftOutOfTheDigest() {
        List<String> read = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("com.phoenixidp.authserver")) {
            Stream.<HasAnnotations<?>>concat(Stream.of(type), type.getMethods().stream())
                    .forEach(element -> read.addAll(properties(element)));
        }

        assertThat(read).as("the CA's condition at least is found").contains("phoenix.ca.dir");
        assertThat(read).filteredOn(AotFingerprint::runtimeOnly).isEmpty();
    }

    private static List<String> properties(HasAnnotations<?> element) {
        List<String> names = new ArrayList<>();
        if (element.isAnnotatedWith(ConditionalOnProperty.class)) {
            ConditionalOnProperty condition = element.getAnnotationOfType(ConditionalOnProperty.class);
            names.addAll(qualified(condition.prefix(), condition.name(), condition.value()));
        }
        if (element.isAnnotatedWith(ConditionalOnBooleanProperty.class)) {
            ConditionalOnBooleanProperty condition = element.getAnnotationOfType(ConditionalOnBooleanProperty.class);
            names.addAll(qualified(condition.prefix(), condition.name(), condition.value()));
        }
        return names;
    }

    private static List<String> qualified(String prefix, String[] names, String[] values) {
        String start = prefix.isEmpty() || prefix.endsWith(".") ? prefix : prefix + ".";
        return Stream.concat(Stream.of(names), Stream.of(values))
                .map(name -> start + name)
                .toList();
    }
}
