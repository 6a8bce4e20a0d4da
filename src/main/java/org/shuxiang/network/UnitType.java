package org.shuxiang.network;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of unit in the network, and which kinds each may hold beneath it. */
public enum UnitType {
    /** 中心馆: the city library, the root of the network. */
    CENTRAL_LIBRARY,
    /** 总馆: a county or district library. */
    MAIN_LIBRARY,
    /** 分馆: a township, street or large-community library. */
    BRANCH,
    /** 全民阅读点: a public reading room run with partners. */
    READING_POINT,
    /** 服务点: a village or community reading room. */
    SERVICE_POINT,
    /** 24小时自助图书馆: an unstaffed self-service library. */
    TWENTY_FOUR_HOUR_LIBRARY,
    /** 漂流书巢: a cabinet of books opened by a QR code. */
    BOOK_NEST,
    /** 社会化阅读场所: a venue run by a company, school or other partner. */
    PARTNER_VENUE;

    private static final Set<UnitType> OUTLETS = EnumSet.of(READING_POINT, SERVICE_POINT, TWENTY_FOUR_HOUR_LIBRARY,
            BOOK_NEST, PARTNER_VENUE);

    /** Whether a unit of this type may have a unit of {@code child} type directly beneath it. */
    public boolean canHold(UnitType child) {
        return switch (this) {
            case CENTRAL_LIBRARY -> child != CENTRAL_LIBRARY;
            case MAIN_LIBRARY -> child == BRANCH || OUTLETS.contains(child);
            case BRANCH -> OUTLETS.contains(child);
            default -> false;
        };
    }

    /** Only the central library stands at the top of the network. */
    public boolean isRoot() {
        return this == CENTRAL_LIBRARY;
    }
}
