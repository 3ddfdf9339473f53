package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.ca.CertificateAuthorityHolder;
import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.export.Pem;
import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuedCertificate;
import com.phoenixidp.pki.revocation.RevocationReason;
import com.phoenixidp.pki.store.CertificateRecord;
import com.phoenixidp.pki.store.CertificateStatus;
import com.phoenixidp.pki.store.UnknownCertificateException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages for the attached certificate authority: the issuance ledger (serial, subject,
 * not-after, status), one page per certificate with its PEM, revocation with an RFC 5280 section
 * 5.3.1 reason (OCSP and the CRL show it at once), and signing a pasted PKCS#10 CSR under a
 * profile. The CA's own checks (proof of possession, name policy, validity) decide; their
 * one-line messages are shown on the page.
 */
@Controller
@RequestMapping(path = "/admin/certificates", headers = "!Authorization")
public class CertificatesController {

    /** At most this many ledger rows are listed (newest first). */
    static final int LIST_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(CertificatesController.class);

    /** A ledger row as listed: {@code status} at the time of the request. */
    record CertificateView(CertificateRecord record, CertificateStatus status, boolean expiresSoon) {

        public String serial() {
            return this.record.serialHex();
        }
    }

    private final ObjectProvider<CertificateAuthorityHolder> authority;

    private final AuditLog audit;

    private final Clock clock;

    public CertificatesController(ObjectProvider<CertificateAuthorityHolder> authority, AuditLog audit, Clock clock) {
        this.authority = authority;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    public String list(@RequestParam(name = "status", required = false) @Nullable String status, Model model) {
        model.addAttribute("section", "certificates");
        CertificateAuthority ca = ca();
        if (ca == null) {
            return "admin/no-ca";
        }
        CertificateStatus wanted = parseStatus(status);
        List<CertificateRecord> records = ca.list(wanted);
        Instant now = this.clock.instant();
        List<CertificateView> newestFirst = new java.util.ArrayList<>();
        for (int i = records.size() - 1; i >= 0 && newestFirst.size() < LIST_LIMIT; i--) {
            newestFirst.add(view(records.get(i), now));
        }
        model.addAttribute("certificates", newestFirst);
        model.addAttribute("total", records.size());
        model.addAttribute("status", (wanted == null) ? "" : wanted.toString());
        model.addAttribute("reasons", RevocationReason.values());
        model.addAttribute("profiles", CertificateProfile.values());
        model.addAttribute(
                "caName", ca.intermediateCertificate().getSubjectX500Principal().getName());
        if (!model.containsAttribute("profileValue")) {
            model.addAttribute("profileValue", CertificateProfile.CLIENT.toString());
        }
        return "admin/certificates";
    }

    @GetMapping("/{serial}")
    public String certificate(@PathVariable String serial, Model model, HttpServletResponse response) {
        model.addAttribute("section", "certificates");
        CertificateAuthority ca = ca();
        if (ca == null) {
            return "admin/no-ca";
        }
        CertificateRecord record = find(ca, serial);
        if (record == null) {
            response.setStatus(404);
            model.addAttribute("message", "certificate " + serial + " not found");
            return "admin/not-found";
        }
        model.addAttribute("certificate", view(record, this.clock.instant()));
        model.addAttribute("pem", pem(record));
        model.addAttribute("reasons", RevocationReason.values());
        return "admin/certificate";
    }

    @PostMapping("/{serial}/revoke")
    public String revoke(
            @PathVariable String serial,
            @RequestParam(name = "reason", defaultValue = "unspecified") String reason,
            @RequestParam(name = "from", required = false) @Nullable String from,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        CertificateAuthority ca = ca();
        if (ca == null) {
            return "redirect:/admin/certificates";
        }
        CertificateRecord record = find(ca, serial);
        if (record == null) {
            return certificate(serial, model, response);
        }
        try {
            RevocationReason parsed = RevocationReason.parse(reason);
            ca.revoke(record.serial(), parsed);
            this.audit.event(
                    "certificate.revoked",
                    ConsoleActors.of(admin, request),
                    "serial",
                    record.serialHex(),
                    "subject",
                    record.subject(),
                    "reason",
                    parsed.rfcName());
            redirect.addFlashAttribute(
                    ConsolePages.NOTICE, "Certificate " + record.serialHex() + " revoked (" + parsed.rfcName() + ").");
        } catch (UnknownCertificateException ex) {
            return certificate(serial, model, response);
        } catch (PkiException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "list".equals(from)
                ? "redirect:/admin/certificates"
                : "redirect:/admin/certificates/" + record.serialHex();
    }

    @PostMapping("/issue")
    public String issue(
            @RequestParam(name = "csr", defaultValue = "") String csr,
            @RequestParam(name = "profile", defaultValue = "client") String profile,
            @RequestParam(name = "validityDays", defaultValue = "") String validityDays,
            Principal admin,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        CertificateAuthority ca = ca();
        if (ca == null) {
            return "redirect:/admin/certificates";
        }
        IssuedCertificate issued;
        try {
            Duration validity = validity(validityDays);
            if (csr.isBlank()) {
                throw new PkiException("paste a PKCS#10 certificate request (PEM)");
            }
            issued = ca.sign(
                    csr.trim().getBytes(StandardCharsets.US_ASCII), CertificateProfile.parse(profile), validity);
        } catch (PkiException ex) {
            LOG.info("Console certificate request refused: {}", ex.getMessage());
            response.setStatus(400);
            model.addAttribute("error", ex.getMessage());
            model.addAttribute(
                    "errorField", String.valueOf(ex.getMessage()).contains("validity") ? "validity-days" : "csr");
            model.addAttribute("csrValue", csr);
            model.addAttribute("profileValue", profile);
            model.addAttribute("validityValue", validityDays);
            return list(null, model);
        }
        X509Certificate certificate = issued.certificate();
        String serial = CertificateRecord.hex(certificate.getSerialNumber());
        this.audit.event(
                "certificate.issued",
                ConsoleActors.of(admin, request),
                "serial",
                serial,
                "subject",
                certificate.getSubjectX500Principal().getName(),
                "profile",
                profile,
                "source",
                "csr");
        redirect.addFlashAttribute(ConsolePages.NOTICE, "Certificate " + serial + " issued.");
        return "redirect:/admin/certificates/" + serial;
    }

    private @Nullable CertificateAuthority ca() {
        CertificateAuthorityHolder holder = this.authority.getIfAvailable();
        return (holder == null) ? null : holder.get();
    }

    private static @Nullable CertificateRecord find(CertificateAuthority ca, String serialHex) {
        try {
            return ca.find(new BigInteger(serialHex, 16)).orElse(null);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static CertificateView view(CertificateRecord record, Instant now) {
        CertificateStatus status = record.status(now);
        boolean soon = status == CertificateStatus.VALID
                && record.notAfter().isBefore(now.plus(DashboardStatistics.EXPIRY_WARNING));
        return new CertificateView(record, status, soon);
    }

    private static @Nullable String pem(CertificateRecord record) {
        byte[] der = record.der();
        if (der == null) {
            return null;
        }
        try {
            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return Pem.certificate(certificate);
        } catch (CertificateException ex) {
            return null;
        }
    }

    private static @Nullable CertificateStatus parseStatus(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return Arrays.stream(CertificateStatus.values())
                .filter((s) -> s.name().equalsIgnoreCase(status.trim()))
                .findFirst()
                .orElse(null);
    }

    private static @Nullable Duration validity(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(days.trim());
            if (n < 1) {
                throw new PkiException("validity must be at least 1 day");
            }
            return Duration.ofDays(n);
        } catch (NumberFormatException ex) {
            throw new PkiException("validity must be a number of days");
        }
    }
}
