package org.shuxiang.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A copy of a title, held by a unit of the network, with a barcode unique in the whole network. */
public record Item(String barcode, long recordId, String owningUnit, String currentUnit, String shelvingLocation,
                   ItemType type, BigDecimal price, LocalDate acquiredOn, ItemStatus status, String callNumber) {
}
