package com.phoenixidp.authserver.scim;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What no SCIM endpoint takes, answered in the SCIM error schema rather than by the page error
 * handling: an unknown path is 404, a known path with a method it does not take is 405 with
 * {@code Allow} (RFC 9110 section 15.5.6); OPTIONS lists the methods. Spring maps a request here
 * only when no more specific mapping matches both path and method.
 */
@RestController
final class ScimFallbackController {

    private record Endpoint(Pattern path, String methods) {}

    private static final String SEGMENT = "[^/]+";

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(Pattern.compile("/scim/v2/(Users|Groups)"), "GET, POST"),
            new Endpoint(Pattern.compile("/scim/v2/(Users|Groups)/\\.search"), "POST"),
            new Endpoint(Pattern.compile("/scim/v2/(Users|Groups)/" + SEGMENT), "GET, PUT, PATCH, DELETE"),
            new Endpoint(Pattern.compile("/scim/v2/(ServiceProviderConfig|ResourceTypes|Schemas)"), "GET"),
            new Endpoint(Pattern.compile("/scim/v2/(ResourceTypes|Schemas)/" + SEGMENT), "GET"));

    @RequestMapping({"/scim", "/scim/**"})
    ResponseEntity<byte[]> unmatched(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.path().matcher(path).matches()) {
                if ("OPTIONS".equals(request.getMethod())) {
                    return ResponseEntity.noContent()
                            .header(HttpHeaders.ALLOW, endpoint.methods() + ", OPTIONS")
                            .build();
                }
                ResponseEntity<byte[]> error = ScimResponses.error(
                        HttpStatus.METHOD_NOT_ALLOWED.value(),
                        null,
                        request.getMethod() + " is not supported here; use " + endpoint.methods());
                return ResponseEntity.status(error.getStatusCode())
                        .headers(error.getHeaders())
                        .header(HttpHeaders.ALLOW, endpoint.methods() + ", OPTIONS")
                        .body(error.getBody());
            }
        }
        throw ScimException.notFound("no SCIM endpoint at this path");
    }
}
