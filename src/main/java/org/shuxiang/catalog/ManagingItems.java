package org.shuxiang.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.FieldMapping;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use cases on items: add copies to a record (one or many), change them, withdraw them, find them by
 * barcode. A cataloguer acts on the items their units own. Statuses that circulation, holds and
 * logistics own cannot be set by hand.
 */
@Service
public class ManagingItems {

    /** A copy to add; a blank call number takes the record's, drawn on first use. */
    public record NewItem(String barcode, String owningUnit, String currentUnit, String shelvingLocation,
                          ItemType type, BigDecimal price, LocalDate acquiredOn, String callNumber) {
    }

    /** A change to an item: its place, description and (within limits) status. */
    public record ItemChange(String owningUnit, String currentUnit, String shelvingLocation, ItemType type,
                             BigDecimal price, LocalDate acquiredOn, ItemStatus status, String callNumber) {
    }

    private final ItemRepository items;
    private final BibRecordRepository records;
    private final AccessControl access;
    private final AuditLog audit;
    private final UnitHierarchy units;

    ManagingItems(ItemRepository items, BibRecordRepository records, AccessControl access, AuditLog audit,
                  UnitHierarchy units) {
        this.items = items;
        this.records = records;
        this.access = access;
        this.audit = audit;
        this.units = units;
    }

    @Transactional
    public List<Item> add(long recordId, List<NewItem> newItems) {
        Set<String> barcodes = new HashSet<>();
        for (int i = 0; i < newItems.size(); i++) {
            NewItem item = newItems.get(i);
            String field = "items[" + i + "]";
            checkUnit(field + ".owningUnit", item.owningUnit());
            access.require(Permission.CATALOG_MANAGE, item.owningUnit());
            if (item.currentUnit() != null) {
                checkUnit(field + ".currentUnit", item.currentUnit());
            }
            if (!barcodes.add(item.barcode().toUpperCase(Locale.ROOT)) || items.barcodeTaken(item.barcode())) {
                throw RefusedException.onField(field + ".barcode", CatalogRefusal.DUPLICATE_BARCODE, item.barcode());
            }
        }
        BibRecordRepository.Stored record = records.find(recordId)
                .orElseThrow(() -> new RefusedException(CatalogRefusal.RECORD_NOT_FOUND, recordId));
        String recordCallNumber = newItems.stream().anyMatch(i -> blank(i.callNumber()))
                ? callNumberOf(record) : null;
        List<Item> added = new ArrayList<>();
        for (NewItem item : newItems) {
            Item created = new Item(item.barcode(), recordId, item.owningUnit(),
                    item.currentUnit() == null ? item.owningUnit() : item.currentUnit(), item.shelvingLocation(),
                    item.type(), item.price(), item.acquiredOn(), ItemStatus.AVAILABLE,
                    blank(item.callNumber()) ? recordCallNumber : item.callNumber());
            items.insert(created);
            added.add(created);
            audit.record("ITEM_ADDED", "ITEM", created.barcode(), created.owningUnit(), Map.of("item", created));
        }
        return added;
    }

    @Transactional
    public Item update(String barcode, ItemChange change) {
        Item item = items.findForUpdate(barcode)
                .orElseThrow(() -> new RefusedException(CatalogRefusal.ITEM_NOT_FOUND, barcode));
        access.require(Permission.CATALOG_MANAGE, item.owningUnit());
        String owningUnit = change.owningUnit() == null ? item.owningUnit() : change.owningUnit();
        if (!owningUnit.equals(item.owningUnit())) {
            checkUnit("owningUnit", owningUnit);
            access.require(Permission.CATALOG_MANAGE, owningUnit);
        }
        String currentUnit = change.currentUnit() == null ? item.currentUnit() : change.currentUnit();
        checkUnit("currentUnit", currentUnit);
        ItemStatus status = change.status() == null ? item.status() : change.status();
        if (status != item.status()) {
            item.status().checkChangeByHand(status).ifPresent(r -> {
                throw RefusedException.onField("status", r, barcode);
            });
        }
        Item changed = new Item(item.barcode(), item.recordId(), owningUnit, currentUnit, change.shelvingLocation(),
                change.type() == null ? item.type() : change.type(), change.price(), change.acquiredOn(), status,
                blank(change.callNumber()) ? item.callNumber() : change.callNumber());
        items.update(changed);
        audit.record("ITEM_UPDATED", "ITEM", barcode, owningUnit, Map.of("before", item, "after", changed));
        return changed;
    }

    @Transactional
    public Item withdraw(String barcode, String reason) {
        Item item = items.findForUpdate(barcode)
                .orElseThrow(() -> new RefusedException(CatalogRefusal.ITEM_NOT_FOUND, barcode));
        access.require(Permission.CATALOG_MANAGE, item.owningUnit());
        item.status().checkWithdrawal().ifPresent(r -> {
            throw new RefusedException(r, barcode);
        });
        Item withdrawn = new Item(item.barcode(), item.recordId(), item.owningUnit(), item.currentUnit(),
                item.shelvingLocation(), item.type(), item.price(), item.acquiredOn(), ItemStatus.WITHDRAWN,
                item.callNumber());
        items.update(withdrawn);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("statusBefore", item.status());
        audit.record("ITEM_WITHDRAWN", "ITEM", barcode, item.owningUnit(), details);
        return withdrawn;
    }

    @Transactional(readOnly = true)
    public Item get(String barcode) {
        return items.find(barcode).orElseThrow(() -> new RefusedException(CatalogRefusal.ITEM_NOT_FOUND, barcode));
    }

    /**
     * The record's call number, drawn the first time a copy needs one: every copy of a title shares it.
     * The record row is locked while it is drawn, so two cataloguers cannot give a title two numbers.
     */
    private String callNumberOf(BibRecordRepository.Stored record) {
        return items.lockRecordCallNumber(record.id()).orElseGet(() -> {
            BibliographicFields fields = FieldMapping.map(record.marc(), record.flavour());
            String classNumber = fields.clcNumber();
            if (blank(classNumber)) {
                throw new RefusedException(CatalogRefusal.NO_CLASS_NUMBER, record.id());
            }
            String bookNumber = switch (items.bookNumberScheme()) {
                case SEQUENCE -> Integer.toString(items.nextSequenceNumber(classNumber));
                case AUTHOR -> {
                    String author = fields.names().isEmpty() ? fields.responsibility() : fields.names().get(0).name();
                    String mark = BookNumberScheme.authorMark(author);
                    if (mark.isEmpty()) {
                        throw new RefusedException(CatalogRefusal.NO_AUTHOR_FOR_BOOK_NUMBER, record.id());
                    }
                    yield mark;
                }
            };
            String callNumber = BookNumberScheme.callNumber(classNumber, bookNumber);
            items.setRecordCallNumber(record.id(), callNumber);
            return callNumber;
        });
    }

    private void checkUnit(String field, String unitCode) {
        if (unitCode == null || !units.exists(unitCode)) {
            throw RefusedException.onField(field, PlatformRefusal.UNKNOWN_UNIT, Objects.toString(unitCode));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
