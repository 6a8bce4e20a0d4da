package org.shuxiang.site;

import org.shuxiang.platform.Actor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every reader page's frame needs: whether a reader is signed in on this browser (for the menu).
 * For the reader site's controllers only: the REST API's controllers are controllers too, and should not
 * pay for it on every call.
 */
@ControllerAdvice(assignableTypes = {CatalogPagesController.class, AccountController.class,
        RegistrationController.class})
class SiteModel {

    private final ReaderSession session;

    SiteModel(ReaderSession session) {
        this.session = session;
    }

    @ModelAttribute("signedInReader")
    Actor.Reader signedInReader() {
        return session.reader().orElse(null);
    }
}
