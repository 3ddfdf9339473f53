package com.phoenixidp.authserver.console;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.audit.AuditQuery;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The console's start page: the server at a glance, with per-minute charts drawn as inline SVG. */
@Controller
@RequestMapping(path = "/admin", headers = "!Authorization")
public class DashboardController {

    private final DashboardStatistics statistics;

    private final AuditLog audit;

    public DashboardController(DashboardStatistics statistics, AuditLog audit) {
        this.statistics = statistics;
        this.audit = audit;
    }

    @GetMapping({"", "/"})
    public String dashboard(Model model) {
        this.statistics.flushAudit();
        Instant start = this.statistics.windowStart();
        BarChart tokens = BarChart.perMinute(
                "Tokens issued per minute, last hour",
                start,
                List.of(new BarChart.Series(
                        "tokens issued",
                        "bar-tokens",
                        this.statistics.tokensIssued(start).counts())));
        BarChart signIns = BarChart.perMinute(
                "Sign-ins per minute, last hour",
                start,
                List.of(
                        new BarChart.Series(
                                "succeeded",
                                "bar-ok",
                                this.statistics.signInsSucceeded(start).counts()),
                        new BarChart.Series(
                                "failed",
                                "bar-failed",
                                this.statistics.signInsFailed(start).counts())));
        model.addAttribute("section", "dashboard");
        model.addAttribute("tokensChart", tokens);
        model.addAttribute("signInsChart", signIns);
        model.addAttribute("sessions", this.statistics.signedInSessions());
        model.addAttribute("users", this.statistics.users());
        model.addAttribute("clients", this.statistics.clients());
        model.addAttribute("keyAges", this.statistics.keyAges());
        model.addAttribute("caAttached", this.statistics.caAttached());
        model.addAttribute("validCertificates", this.statistics.validCertificates());
        model.addAttribute("expiring", this.statistics.certificatesExpiringSoon());
        model.addAttribute("recent", this.audit.query(new AuditQuery(null, null, null, null, null, 8)));
        return "admin/dashboard";
    }
}
