package org.shuxiang.catalog;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Where an item stands. Circulation, holds and logistics own the statuses of their work. */
public enum ItemStatus {
    AVAILABLE,
    ON_LOAN,
    IN_TRANSIT,
    ON_HOLD_SHELF,
    MISSING,
    LOST,
    WITHDRAWN;

    /** The statuses staff may set by hand in the catalogue. */
    static final Set<ItemStatus> SET_BY_HAND = EnumSet.of(AVAILABLE, MISSING, LOST);

    /** Whether staff may set {@code target} by hand on an item that is now in this status. */
    public Optional<CatalogRefusal> checkChangeByHand(ItemStatus target) {
        if (this == ON_LOAN) {
            return Optional.of(CatalogRefusal.ITEM_ON_LOAN);
        }
        if (this == WITHDRAWN) {
            return Optional.of(CatalogRefusal.ITEM_WITHDRAWN);
        }
        if (!SET_BY_HAND.contains(target)) {
            return Optional.of(CatalogRefusal.STATUS_NOT_SET_BY_HAND);
        }
        return Optional.empty();
    }

    /** Whether an item in this status may be withdrawn from the collection. */
    public Optional<CatalogRefusal> checkWithdrawal() {
        return switch (this) {
            case ON_LOAN -> Optional.of(CatalogRefusal.ITEM_ON_LOAN);
            case IN_TRANSIT, ON_HOLD_SHELF -> Optional.of(CatalogRefusal.STATUS_NOT_SET_BY_HAND);
            case WITHDRAWN -> Optional.of(CatalogRefusal.ITEM_WITHDRAWN);
            default -> Optional.empty();
        };
    }
}
