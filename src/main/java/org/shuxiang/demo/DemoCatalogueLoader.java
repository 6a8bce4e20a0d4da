package org.shuxiang.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.shuxiang.catalog.CatalogImport;
import org.shuxiang.catalog.CatalogRecords;
import org.shuxiang.catalog.DuplicateRule;
import org.shuxiang.catalog.ImportingRecords;
import org.shuxiang.catalog.ManagingItems;
import org.shuxiang.catalog.marc.Iso2709Writer;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads the demo catalogue through the catalogue's own use cases: one MARC import of every book, then
 * copies of each at lending units, spread the same way on every machine.
 */
@Component
class DemoCatalogueLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogueLoader.class);
    static final LocalDate ACQUIRED = LocalDate.of(2026, 1, 1);

    private final ImportingRecords importing;
    private final CatalogRecords records;
    private final ManagingItems items;

    DemoCatalogueLoader(ImportingRecords importing, CatalogRecords records, ManagingItems items) {
        this.importing = importing;
        this.records = records;
        this.items = items;
    }

    void load(List<String> lendingUnits) {
        List<DemoCatalogue.Book> books = DemoCatalogue.books();
        Iso2709Writer writer = new Iso2709Writer(null, MarcEncoding.UTF_8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        books.forEach(book -> file.writeBytes(writer.encode(DemoCatalogue.record(book))));
        CatalogImport report = importing.importFile("demo-books.mrc", new ByteArrayInputStream(file.toByteArray()),
                ImportingRecords.Format.ISO2709, MarcEncoding.UTF_8, DuplicateRule.KEEP);
        Map<String, Long> ids = records.idsByControlNumber(books.stream().map(DemoCatalogue.Book::controlNumber).toList());
        int barcode = 1;
        int copies = 0;
        for (DemoCatalogue.Book book : books) {
            Long id = ids.get(book.controlNumber());
            if (id == null) {
                continue;
            }
            List<ManagingItems.NewItem> newItems = new ArrayList<>();
            for (int k = 0; k < book.copies(); k++) {
                String unit = lendingUnits.get(Math.floorMod(book.number() * 7 + k * 31, lendingUnits.size()));
                newItems.add(new ManagingItems.NewItem(String.format("TL%08d", barcode++), unit, null, null,
                        book.itemType(), null, ACQUIRED, null));
            }
            copies += items.add(id, newItems).size();
        }
        log.info("Loaded the demo catalogue: {} records ({} rejected), {} copies at {} lending units",
                report.created() + report.merged(), report.rejected(), copies, lendingUnits.size());
    }
}
