package com.phoenixidp.authserver.admin;

import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.resilience.ServiceUnavailableFilter;
import com.phoenixidp.authserver.resilience.Unavailability;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Error responses of every admin API controller (package {@code ...authserver.admin}), as JSON
 * {@code {"error": ..., "error_description": ..., "field": ...}}: a {@link ManagementException}
 * becomes 404 {@code not_found}, 409 {@code conflict}, 400 {@code invalid_request} or 412
 * {@code precondition_failed}; an unreadable body 400 {@code invalid_request}; anything unexpected
 * a 500 {@code server_error} with a generic description (details in the server log only). Never a
 * stack trace.
 */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
public class AdminErrors {

    private static final Logger LOG = LoggerFactory.getLogger(AdminErrors.class);

    @ExceptionHandler(ManagementException.class)
    public ResponseEntity<Map<String, Object>> refused(ManagementException ex) {
        return switch (ex.reason()) {
            case NOT_FOUND -> body(HttpStatus.NOT_FOUND, "not_found", ex.getMessage(), ex.field());
            case CONFLICT -> body(HttpStatus.CONFLICT, "conflict", ex.getMessage(), ex.field());
            case INVALID_VALUE -> body(HttpStatus.BAD_REQUEST, "invalid_request", ex.getMessage(), ex.field());
            case PRECONDITION_FAILED ->
                body(HttpStatus.PRECONDITION_FAILED, "precondition_failed", ex.getMessage(), ex.field());
        };
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
        return body(HttpStatus.BAD_REQUEST, "invalid_request", "the request body is not a JSON object", null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException ex) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request", "send the body as application/json", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request", ex.getMethod() + " is not supported here", null);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<Map<String, Object>> header(MissingRequestHeaderException ex) {
        return body(HttpStatus.BAD_REQUEST, "invalid_request", "header " + ex.getHeaderName() + " is required", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<Map<String, Object>> noSuchPath(NoResourceFoundException ex) {
        return body(HttpStatus.NOT_FOUND, "not_found", "no such admin resource", null);
    }

    /** Anything unexpected; an overloaded or failing store is rethrown, to be answered 503 ({@link ServiceUnavailableFilter}). */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> unexpected(Exception ex) throws Exception {
        if (Unavailability.of(ex) != null) {
            throw ex;
        }
        if (ex instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            // Spring MVC's own refusals (406 not acceptable, 400 missing parameter, ...) keep their status
            return body(
                    HttpStatus.valueOf(response.getStatusCode().value()),
                    "invalid_request",
                    "the request was refused",
                    null);
        }
        LOG.error("Admin API request failed", ex);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", "the request could not be completed", null);
    }

    /** The error body; {@code field} (the offending field, by its admin API name) only when known. */
    public static ResponseEntity<Map<String, Object>> body(
            HttpStatus status, String error, String description, @Nullable String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        if (field != null) {
            body.put("field", field);
        }
        // a preset type: the error is written whatever the request's Accept says (no 406 while failing)
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
