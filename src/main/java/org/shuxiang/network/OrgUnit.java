package org.shuxiang.network;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit of the network: the central library, a main library, a branch, a reading point, a service
 * point, a 24-hour library, a book nest or a partner venue.
 */
public record OrgUnit(String code, String parentCode, UnitType type, String nameZh, String nameEn,
                      String operatorCode, String address, BigDecimal latitude, BigDecimal longitude,
                      Services services, boolean active, OpeningHours openingHours,
                      List<ClosedPeriod> closedPeriods) {

    /** What a unit does for readers. */
    public record Services(boolean lends, boolean acceptsReturns, boolean pickupPoint, boolean staffed) {
    }

    public OrgUnit {
        closedPeriods = List.copyOf(closedPeriods);
    }

    /** The unit's name in the language of a page: the English name on English pages when it has one. */
    public String displayName(java.util.Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        return english && nameEn != null && !nameEn.isBlank() ? nameEn : nameZh;
    }
}
