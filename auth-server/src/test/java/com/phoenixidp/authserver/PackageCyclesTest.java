package com.phoenixidp.authserver;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The auth-server's feature packages ({@code token}, {@code client}, {@code passkey}, {@code ca}, ...)
 * depend on each other in one direction only: no package cycles (ARCHITECTURE.md, CONVENTIONS.md 2).
 * The arrows between modules are checked by {@code ModuleArrowsTest} in the distribution module.
 */
class PackageCyclesTest {

    private static final JavaClasses AUTH_SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("com.phoenixidp.authserver");

    @Test
    void featurePackagesWhenCompiledThenHaveNoCycles() {
        slices().matching("com.phoenixidp.authserver.(*)..")
                .should()
                .beFreeOfCycles()
                .check(AUTH_SERVER);
    }
}
