package com.phoenixidp.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows of ARCHITECTURE.md ("Modules and the direction of dependencies"), checked with
 * ArchUnit on the compiled classes of every module: the libraries know no Spring and no auth-server;
 * the resource servers, the client samples and phoenix-admin know the auth-server only over the wire.
 * (Package cycles inside the auth-server: {@code PackageCyclesTest} in auth-server.) The Maven
 * enforcer rules keep the dependencies out of the poms; these rules keep them out of the code.
 */
class ModuleArrowsTest {

    private static final Path ROOT =
            Path.of(System.getProperty("phoenix.root", "..")).normalize();

    @Test
    void librariesWhenCompiledThenDependOnNoSpringAndNoAuthServer() {
        JavaClasses libraries = importModules(List.of("crypto", "pki", "webauthn"));

        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "com.phoenixidp.authserver..")
                .because("crypto, pki and webauthn are plain Java libraries any program can use (ARCHITECTURE.md)")
                .check(libraries);
    }

    @Test
    void clientsWhenCompiledThenDependOnNoAuthServerInternals() throws IOException {
        List<String> modules = new ArrayList<>(List.of("resource-server-demo", "admin-cli"));
        modules.addAll(clientSamples());
        JavaClasses clients = importModules(modules);

        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.phoenixidp.authserver..")
                .because("resource servers, client samples and phoenix-admin talk to the IdP over HTTP only"
                        + " (ARCHITECTURE.md)")
                .check(clients);
    }

    @Test
    void phoenixAdminWhenCompiledThenDependsOnNoSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("phoenix-admin is a small command line over HTTP (ARCHITECTURE.md)")
                .check(importModules(List.of("admin-cli")));
    }

    /** Every module under client-samples/ (each folder with a pom.xml), so a new sample is covered. */
    private static List<String> clientSamples() throws IOException {
        try (Stream<Path> folders = Files.list(ROOT.resolve("client-samples"))) {
            List<String> samples = folders.filter(folder -> Files.isRegularFile(folder.resolve("pom.xml")))
                    .map(folder -> "client-samples/" + folder.getFileName())
                    .sorted()
                    .toList();
            assertThat(samples).as("client samples under " + ROOT).isNotEmpty();
            return samples;
        }
    }

    /** The main classes of the modules; fails when one is not compiled (so a rule never checks nothing). */
    private static JavaClasses importModules(List<String> modules) {
        List<Path> classFolders = new ArrayList<>();
        for (String module : modules) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            assertThat(classes)
                    .as(module + "'s compiled classes (the reactor builds " + module + " before distribution)")
                    .isDirectory();
            classFolders.add(classes);
        }
        JavaClasses imported = new ClassFileImporter().importPaths(classFolders);
        assertThat(imported).as("classes of " + modules).isNotEmpty();
        return imported;
    }
}
