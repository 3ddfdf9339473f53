package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.ca.CertificateAuthorityHolder;
import com.phoenixidp.authserver.management.ManagementException;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shares: the signed-in admin's name and whether a CA is attached (for
 * the navigation), and the pages for a refusal no controller handled itself: 404 for an unknown
 * user or client, otherwise the message on an error page (never a stack trace).
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {

    private final ObjectProvider<CertificateAuthorityHolder> authority;

    ConsoleAdvice(ObjectProvider<CertificateAuthorityHolder> authority) {
        this.authority = authority;
    }

    @ModelAttribute
    void common(Principal admin, Model model) {
        if (admin != null) {
            model.addAttribute("consoleUser", admin.getName());
        }
        model.addAttribute("caAttached", this.authority.getIfAvailable() != null);
    }

    @ExceptionHandler(ManagementException.class)
    String refused(ManagementException ex, HttpServletResponse response, Model model) {
        response.setStatus(ConsolePages.status(ex));
        model.addAttribute("message", ex.getMessage());
        model.addAttribute("status", ConsolePages.status(ex));
        return (ex.reason() == ManagementException.Reason.NOT_FOUND) ? "admin/not-found" : "admin/refused";
    }
}
