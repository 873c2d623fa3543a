package org.backproplab.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.backproplab.config.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other path under {@code /api}: a 404 problem detail rather than the lab's HTML page (the lab's view owns
 * every other path of the server).
 */
@RestController
@Hidden
public class ApiFallbackController {

    @RequestMapping("/api/**")
    ResponseEntity<ProblemDetail> noSuchEndpoint(HttpServletRequest request) {
        String endpoint = request.getMethod() + " " + request.getRequestURI();
        return ApiExceptionHandler.problem(HttpStatus.NOT_FOUND, "no such endpoint: " + endpoint
                        + "; see /swagger-ui.html for the API",
                List.of(new FieldError("path", "no such endpoint: " + endpoint)), request);
    }
}
