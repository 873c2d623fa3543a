package org.backproplab.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.backproplab.config.FieldError;
import org.backproplab.config.InvalidConfigException;
import org.backproplab.datasets.DatasetException;
import org.backproplab.training.CapacityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure of an API call into an RFC 9457 problem detail ({@code application/problem+json}):
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance} and an {@code errors} array of
 * {@code {field, message}} naming each offending field. Unexpected failures become a 500 without internals; the
 * stack trace goes to the log only.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.errors(), request);
    }

    @ExceptionHandler(InvalidConfigException.class)
    ResponseEntity<ProblemDetail> invalidConfig(InvalidConfigException e, HttpServletRequest request) {
        String detail = e.errors().size() == 1 ? "invalid run configuration: " + e.errors().getFirst()
                : "invalid run configuration: " + e.errors().size() + " fields are out of range or unknown";
        return problem(HttpStatus.BAD_REQUEST, detail, e.errors(), request);
    }

    @ExceptionHandler(DatasetException.class)
    ResponseEntity<ProblemDetail> badDataset(DatasetException e, HttpServletRequest request) {
        String field = e.field() == null ? "dataset" : e.field();
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(new FieldError(field, e.getMessage())), request);
    }

    @ExceptionHandler(CapacityException.class)
    ResponseEntity<ProblemDetail> full(CapacityException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(),
                List.of(new FieldError(e.field(), e.getMessage())), request);
        response.getBody().setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfterSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(response.getBody());
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RunNotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), List.of(new FieldError("id", e.getMessage())), request);
    }

    @ExceptionHandler(UnsupportedBodyException.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedBodyException e, HttpServletRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage(),
                List.of(new FieldError("Content-Type", e.getMessage())), request);
    }

    /** A run asked to do what its state does not allow (resume a completed run, for example). */
    @ExceptionHandler(RunStateConflictException.class)
    ResponseEntity<ProblemDetail> conflict(RunStateConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), List.of(new FieldError("state", e.getMessage())), request);
    }

    /** Bodies bound by Spring itself (none of ours today, kept so a future endpoint cannot leak a 500). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        BadRequestException translated = e.getCause() instanceof JacksonException jackson
                ? StrictJson.translate(jackson)
                : new BadRequestException("malformed JSON: the body could not be read",
                        List.of(new FieldError("(body)", "malformed JSON: the body could not be read")));
        return badRequest(translated, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String message = "cannot read '" + e.getValue() + "' as "
                + (e.getRequiredType() == null ? "a value" : e.getRequiredType().getSimpleName().toLowerCase());
        return problem(HttpStatus.BAD_REQUEST, e.getName() + ": " + message,
                List.of(new FieldError(e.getName(), message)), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e,
            HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required",
                List.of(new FieldError(e.getParameterName(), "is required")), request);
    }

    /** Whatever else: a defect on our side. Logged with its stack trace; the client learns only that it happened. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        LOG.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the server failed to handle this request; it has been logged",
                List.of(), request);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, List<FieldError> errors,
            HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        try {
            body.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // An odd path is no reason to fail the error response; the problem simply names no instance.
        }
        body.setProperty("errors", errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
