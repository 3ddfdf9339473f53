package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.resilience.ServiceUnavailableFilter;
import com.phoenixidp.authserver.resilience.Unavailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every failure of a SCIM controller (this package only) into the SCIM error message of
 * RFC 7644 section 3.12: the service layer's refusals by reason (not found 404, taken 409
 * {@code uniqueness}, rule broken 400 {@code invalidValue}, unevaluable filter 400
 * {@code invalidFilter}, stale version 412), the adapter's own {@link ScimException}s, Spring's
 * HTTP errors with their status, and anything unexpected as a generic 500 logged here.
 */
@RestControllerAdvice(basePackageClasses = ScimExceptionAdvice.class)
final class ScimExceptionAdvice {

    private static final Logger log = LoggerFactory.getLogger(ScimExceptionAdvice.class);

    @ExceptionHandler(ScimException.class)
    ResponseEntity<byte[]> scim(ScimException ex) {
        return ScimResponses.error(ex.status(), ex.scimType(), ex.getMessage());
    }

    @ExceptionHandler(Filter.InvalidFilterException.class)
    ResponseEntity<byte[]> invalidFilter(Filter.InvalidFilterException ex) {
        return ScimResponses.error(400, "invalidFilter", ex.getMessage());
    }

    @ExceptionHandler(ManagementException.class)
    ResponseEntity<byte[]> management(ManagementException ex) {
        return switch (ex.reason()) {
            case NOT_FOUND -> ScimResponses.error(404, null, ex.getMessage());
            case CONFLICT -> ScimResponses.error(409, "uniqueness", ex.getMessage());
            case INVALID_VALUE -> ScimResponses.error(400, "invalidValue", ex.getMessage());
            case PRECONDITION_FAILED -> ScimResponses.error(412, null, ex.getMessage());
        };
    }

    /**
     * Spring MVC's own HTTP errors keep their status; an overloaded or failing store is rethrown,
     * to be answered 503 in the SCIM format by {@link ServiceUnavailableFilter}; anything else is
     * a 500, logged.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception ex) throws Exception {
        if (Unavailability.of(ex) != null) {
            throw ex;
        }
        if (ex instanceof ErrorResponse response && response.getStatusCode().value() < 500) {
            return ScimResponses.error(response.getStatusCode().value(), null, "the request was refused");
        }
        log.error("SCIM request failed", ex);
        return ScimResponses.error(500, null, "internal error");
    }
}
