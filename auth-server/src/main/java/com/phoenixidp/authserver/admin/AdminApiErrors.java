package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.management.ManagementException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the admin JSON API: {@code {"error", "error_description", "field"}} with the status
 * of the refusal (404, 409, 400, 412), never a stack trace.
 */
@RestControllerAdvice(basePackageClasses = AdminApiErrors.class)
public class AdminApiErrors {

    @ExceptionHandler(ManagementException.class)
    public ResponseEntity<Map<String, Object>> refused(ManagementException ex) {
        return switch (ex.reason()) {
            case NOT_FOUND -> body(HttpStatus.NOT_FOUND, "not_found", ex.getMessage(), ex.field());
            case CONFLICT -> body(HttpStatus.CONFLICT, "conflict", ex.getMessage(), ex.field());
            case PRECONDITION_FAILED ->
                body(HttpStatus.PRECONDITION_FAILED, "precondition_failed", ex.getMessage(), ex.field());
            default -> body(HttpStatus.BAD_REQUEST, "invalid_request", ex.getMessage(), ex.field());
        };
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        return body(
                HttpStatus.BAD_REQUEST, "invalid_request", "the request body is not valid JSON of this shape", null);
    }

    static ResponseEntity<Map<String, Object>> body(HttpStatus status, String error, String description, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("error_description", description);
        if (field != null) {
            m.put("field", field);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(m);
    }
}
