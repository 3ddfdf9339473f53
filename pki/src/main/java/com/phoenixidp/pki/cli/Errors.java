package com.phoenixidp.pki.cli;

import com.phoenixidp.pki.PkiException;
import org.jspecify.annotations.Nullable;

/** Turns exceptions into the CLI's one-line messages (no stack traces, no secrets). */
final class Errors {

    private Errors() {}

    static String message(Throwable exception) {
        if (exception instanceof PkiException) {
            return oneLine(exception.getMessage());
        }
        String detail = exception.getMessage();
        return oneLine("unexpected failure (" + exception.getClass().getSimpleName()
                + (detail == null ? "" : ": " + detail) + ")");
    }

    static String oneLine(@Nullable String text) {
        if (text == null) {
            return "failed";
        }
        return text.replaceAll("[\\r\\n]+", " ").trim();
    }
}
