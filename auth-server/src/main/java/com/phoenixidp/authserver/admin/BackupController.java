package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.backup.DatabaseBackup;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/backup}: an online snapshot of the embedded H2 database (H2's {@code BACKUP
 * TO}, consistent while the server runs), streamed back as {@code application/zip}; {@code
 * phoenix-idp restore FILE} puts it into an empty data directory. On PostgreSQL it answers 501
 * {@code unsupported}: back it up with {@code pg_dump}. The file holds password and secret hashes
 * and the signing keys encrypted with the master key: keep it as carefully as the database.
 */
@RestController
public class BackupController {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DatabaseBackup backup;

    private final AuditLog audit;

    private final Clock clock;

    public BackupController(DatabaseBackup backup, AuditLog audit, Clock clock) {
        this.backup = backup;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/admin/backup")
    public @Nullable ResponseEntity<Map<String, Object>> backup(
            Authentication caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (this.backup.embeddedDatabaseName().isEmpty()) {
            return AdminErrors.body(
                    HttpStatus.NOT_IMPLEMENTED,
                    "unsupported",
                    "online backups are for the embedded H2 database; back up PostgreSQL with pg_dump"
                            + " (and restore with pg_restore)",
                    null);
        }
        try (DatabaseBackup.Snapshot snapshot = this.backup.snapshot();
                InputStream in = snapshot.open()) {
            this.audit.event("backup.created", AdminActors.of(caller, request), "bytes", snapshot.size());
            response.setStatus(HttpStatus.OK.value());
            response.setContentType("application/zip");
            response.setContentLengthLong(snapshot.size());
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"phoenix-backup-" + STAMP.format(this.clock.instant()) + ".zip\"");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            in.transferTo(response.getOutputStream());
            response.flushBuffer();
        }
        return null;
    }
}
