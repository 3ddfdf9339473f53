package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.management.ManagementException;
import org.springframework.ui.Model;

/** Small helpers shared by the console controllers: flash keys, statuses, error attributes. */
final class ConsolePages {

    /** Flash attribute: a success message shown once after a redirect. */
    static final String NOTICE = "notice";

    private ConsolePages() {}

    /** The HTTP status a refusal is shown with. */
    static int status(ManagementException ex) {
        return switch (ex.reason()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case INVALID_VALUE -> 400;
        };
    }

    /**
     * Puts a refusal on the page: {@code error} (the message) and {@code errorField} (the form
     * field's id, for highlighting), mapping the service's field name to the page's.
     */
    static void refusal(Model model, ManagementException ex, java.util.Map<String, String> fieldIds) {
        model.addAttribute("error", ex.getMessage());
        String field = (ex.field() != null) ? fieldIds.get(ex.field()) : null;
        model.addAttribute("errorField", field);
    }
}
