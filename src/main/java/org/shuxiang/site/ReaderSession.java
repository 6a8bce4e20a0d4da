package org.shuxiang.site;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.web.PageText;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The reader signed in on this browser, kept in the web session as the security context (as a staff
 * sign-in is), and the words the pages need: unit names in the page's language, refusals as sentences.
 */
@Component
class ReaderSession {

    private final AccessControl access;
    private final PageText text;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    ReaderSession(AccessControl access, PageText text) {
        this.access = access;
        this.text = text;
    }

    /** The reader signed in, if a reader is. */
    Optional<Actor.Reader> reader() {
        return access.currentActor() instanceof Actor.Reader reader ? Optional.of(reader) : Optional.empty();
    }

    /** Signs {@code reader} in on this browser: a new session id (no fixation), the reader in its context. */
    void signIn(Actor.Reader reader, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(AccessControl.authenticationOf(reader));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    String unitName(OrgUnit unit, Locale locale) {
        return unit == null ? "" : unit.displayName(locale);
    }

    /** A refusal in the reader's language, as the REST API words it for its problems. */
    String sentence(RefusedException refused, Locale locale) {
        return text.sentence(refused, locale);
    }

    String text(String key, Locale locale, Object... arguments) {
        return text.of(key, locale, arguments);
    }
}
