package org.shuxiang.site;

import org.shuxiang.platform.Actor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame needs: whether a reader is signed in on this browser (for the menu). */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
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
