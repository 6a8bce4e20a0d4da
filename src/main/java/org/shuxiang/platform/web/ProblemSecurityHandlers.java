package org.shuxiang.platform.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 answers of the security filters, as problem documents like every other API error. */
@Component
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;
    private final JsonMapper json;
    private final LocaleResolver locales;

    ProblemSecurityHandlers(Problems problems, JsonMapper json, LocaleResolver locales) {
        this.problems = problems;
        this.json = json;
        this.locales = locales;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        Refusal refusal = e instanceof LockedException ? PlatformRefusal.ACCOUNT_LOCKED : PlatformRefusal.UNAUTHENTICATED;
        response.setHeader("WWW-Authenticate", "Basic realm=\"Shuxiang\", Bearer");
        write(request, response, refusal, new Object[0]);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, PlatformRefusal.ACCESS_DENIED, new Object[] {"", ""});
    }

    private void write(HttpServletRequest request, HttpServletResponse response, Refusal refusal, Object[] args)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        ProblemDetail problem = problems.of(refusal, args, locale);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(refusal.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), Problems.asMap(problem));
    }
}
