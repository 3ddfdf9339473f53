package com.phoenixidp.authserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.yaml.snakeyaml.Yaml;

class StartupFailureAnalyzerTest {

    private static FailureAnalysis analyze(Throwable cause) {
        // as the start-up reports it: deep in bean creation
        return new StartupFailureAnalyzer()
                .analyze(new BeanCreationException(
                        "jdbcTemplate",
                        "Failed to initialize dependency 'flywayInitializer'",
                        new IllegalStateException("Unable to obtain connection from database", cause)));
    }

    @Test
    void databaseWhenConnectionRefusedThenSaysSoAndWhatToCheck() {
        FailureAnalysis analysis = analyze(new SQLException("Connection to localhost:1 refused.", "08001"));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("The database cannot be reached: Connection to localhost:1 refused.");
        assertThat(analysis.getAction()).contains("spring.datasource.url", "Nothing was changed");
    }

    @Test
    void databaseWhenCredentialsRefusedThenPointsAtThemWithoutRepeatingAPassword() {
        FailureAnalysis analysis = analyze(new SQLException(
                "FATAL: password authentication failed for user \"phoenix\" (jdbc:postgresql://db/phoenix?password=s3cret&ssl=true)",
                "28P01"));

        assertThat(analysis.getDescription())
                .startsWith("The database refused the credentials: ")
                .contains("password=***&ssl=true")
                .doesNotContain("s3cret");
        assertThat(analysis.getAction()).contains("spring.datasource.password");
    }

    @Test
    void databaseWhenMissingOrInUseThenSaysWhich() {
        assertThat(analyze(new SQLException("FATAL: database \"phoenix\" does not exist", "3D000"))
                        .getDescription())
                .startsWith("The database does not exist");
        assertThat(analyze(new SQLException("Database may be already in use: \"/srv/data/phoenix.mv.db\"", "90020"))
                        .getAction())
                .contains("phoenix.data-dir");
    }

    @Test
    void databaseWhenAnotherSqlErrorThenLeftToSpringBoot() {
        assertThat(analyze(new SQLException("duplicate key value violates unique constraint", "23505")))
                .isNull();
    }

    @Test
    void configurationWhenNotValidYamlThenLineAndProblem() {
        Throwable failure = catchThrowable(() -> new Yaml().load("phoenix:\n  issuer: [unclosed\n"));

        FailureAnalysis analysis = analyze(failure);

        assertThat(analysis.getDescription())
                .startsWith(
                        "A configuration file is not valid YAML: expected ',' or ']', but got <stream end> at line 3")
                .contains("while parsing a flow sequence that began at line 2");
        assertThat(analysis.getAction()).contains("conf/phoenix.yml", "spring.config.additional-location");
    }

    @Test
    void embeddedDatabaseWhenItCannotCreateItsFilesThenPointsAtTheDataDirectory() {
        FailureAnalysis analysis =
                analyze(new SQLException("Error while creating file \"/proc/phoenix\" [90062-240]", "90062"));

        assertThat(analysis.getDescription()).startsWith("The embedded database cannot write its files");
        assertThat(analysis.getAction()).contains("phoenix.data-dir");
    }

    @Test
    void sslBundleWhenNotDefinedThenNamesItAndHowToDefineIt() {
        FailureAnalysis analysis =
                analyze(new NoSuchSslBundleException("idp", "SSL bundle name 'idp' cannot be found"));

        assertThat(analysis.getDescription()).isEqualTo("SSL bundle name 'idp' cannot be found");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.", "server.ssl.bundle");
    }
}
