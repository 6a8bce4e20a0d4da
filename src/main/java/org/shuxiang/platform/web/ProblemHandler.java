package org.shuxiang.platform.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error of the REST API into {@code application/problem+json} with a stable {@code code};
 * validation errors name the fields at fault.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Problems problems;

    ProblemHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<ProblemDetail> refused(RefusedException e, HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problems.of(e.refusal(), e.arguments(), locale);
        if (e.field() != null) {
            problems.withFields(problem, List.of(new Problems.FieldError(e.field(), problem.getDetail())));
        }
        return respond(problem, request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(problems.of(PlatformRefusal.ACCESS_DENIED, new Object[] {"", ""},
                LocaleContextHolder.getLocale()), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problems.of(PlatformRefusal.VALIDATION_FAILED, new Object[0], locale);
        problems.withFields(problem, List.of(new Problems.FieldError(e.getName(),
                problems.message("validation.badValue", new Object[] {e.getValue()}, locale))));
        return respond(problem, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problems.of(PlatformRefusal.INTERNAL_ERROR, new Object[0], LocaleContextHolder.getLocale()),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(e.getBindingResult().getFieldErrors().stream()
                .map(f -> new Problems.FieldError(f.getField(), message(f)))
                .toList());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new Problems.FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problems.of(PlatformRefusal.MALFORMED_REQUEST, new Object[0], locale);
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            Object value = mismatch instanceof InvalidFormatException invalid ? invalid.getValue() : "";
            problems.withFields(problem, List.of(new Problems.FieldError(field,
                    problems.message("validation.badValue", new Object[] {value}, locale))));
        }
        return problemResponse(problem);
    }

    /** Every other Spring MVC error (404, 405, 415 …): keep its status, add a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        PlatformRefusal refusal = switch (status.value()) {
            case 400 -> PlatformRefusal.MALFORMED_REQUEST;
            case 404 -> PlatformRefusal.NOT_FOUND;
            case 405 -> PlatformRefusal.METHOD_NOT_ALLOWED;
            case 415 -> PlatformRefusal.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        ProblemDetail problem = refusal != null
                ? problems.of(refusal, new Object[0], locale)
                : problems.of(status.value(), "HTTP_" + status.value(),
                        e.getMessage() == null ? String.valueOf(status.value()) : e.getMessage(), locale);
        return new ResponseEntity<>(problem, headersWithProblemType(headers), status);
    }

    /** 400 VALIDATION_FAILED naming each field at fault. */
    private ResponseEntity<Object> invalid(List<Problems.FieldError> errors) {
        ProblemDetail problem = problems.of(PlatformRefusal.VALIDATION_FAILED, new Object[0],
                LocaleContextHolder.getLocale());
        problems.withFields(problem, errors);
        return problemResponse(problem);
    }

    private String message(FieldError error) {
        return error.getDefaultMessage() == null ? error.getCode() : error.getDefaultMessage();
    }

    private static ResponseEntity<Object> problemResponse(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpHeaders headersWithProblemType(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return copy;
    }
}
