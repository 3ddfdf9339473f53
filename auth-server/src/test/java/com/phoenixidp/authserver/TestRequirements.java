package com.phoenixidp.authserver;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a built jar, PostgreSQL, a browser): missing on a
 * developer's machine, the test is skipped with the reason; missing on CI (environment variable
 * {@code CI} set, as {@code .ci/run} and CI services do), the test fails, so a broken CI image
 * cannot pass by skipping.
 */
public final class TestRequirements {

    private TestRequirements() {}

    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci) && !"0".equals(ci);
    }

    /** Skips (developer machine) or fails (CI) when {@code present} is false. */
    public static void require(boolean present, String whatIsMissing) {
        if (present) {
            return;
        }
        if (onCi()) {
            throw new IllegalStateException(whatIsMissing + " (CI is set, so this fails instead of skipping)");
        }
        Assumptions.abort(whatIsMissing);
    }
}
