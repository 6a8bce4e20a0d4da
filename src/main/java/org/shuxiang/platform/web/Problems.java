package org.shuxiang.platform.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.shuxiang.platform.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problem documents: a stable {@code code}, a title and a detail in the caller's
 * language, and for validation failures the fields at fault.
 */
@Component
public class Problems {

    public record FieldError(String field, String message) {
    }

    private final MessageSource messages;

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail of(Refusal refusal, Object[] arguments, Locale locale) {
        return of(refusal.httpStatus(), refusal.name(),
                messages.getMessage(refusal.messageKey(), arguments, refusal.name(), locale), locale);
    }

    public ProblemDetail of(int status, String code, String detail, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create("urn:shuxiang:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(messages.getMessage("status." + status, null, detail, locale));
        problem.setProperty("code", code);
        return problem;
    }

    public ProblemDetail withFields(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    public String message(String key, Object[] arguments, Locale locale) {
        return messages.getMessage(key, arguments, key, locale);
    }

    /** The problem as a flat map, for writers outside Spring MVC (the security filters). */
    public static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", problem.getType().toString());
        map.put("title", problem.getTitle());
        map.put("status", problem.getStatus());
        map.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            map.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            map.putAll(problem.getProperties());
        }
        return map;
    }
}
