package com.phoenixidp.resourceserver.security;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/stats}: an admin-only endpoint (role {@code admin} from the token's {@code roles}). */
@RestController
class AdminController {

    private final String service;

    AdminController(@Value("${phoenix.service}") String service) {
        this.service = service;
    }

    @GetMapping("/api/admin/stats")
    Map<String, Object> stats() {
        return Map.of(
                "service",
                this.service,
                "uptime_ms",
                ManagementFactory.getRuntimeMXBean().getUptime(),
                "heap_used_bytes",
                Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }
}
