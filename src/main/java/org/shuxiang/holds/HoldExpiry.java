package org.shuxiang.holds;

import org.shuxiang.platform.AccessControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every hour (shuxiang.holds.expiry-interval), ready holds whose days on the pickup shelf are over pass on. */
@Component
class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

    private final Holds holds;
    private final AccessControl access;

    HoldExpiry(Holds holds, AccessControl access) {
        this.holds = holds;
        this.access = access;
    }

    @Scheduled(fixedDelayString = "${shuxiang.holds.expiry-interval:PT1H}",
            initialDelayString = "${shuxiang.holds.expiry-interval:PT1H}")
    void expire() {
        int expired = access.asSystem("hold-expiry", holds::expireDue);
        if (expired > 0) {
            log.info("Expired {} holds whose time on the pickup shelf was over", expired);
        }
    }
}
