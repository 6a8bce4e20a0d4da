package org.shuxiang.desk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import java.util.List;

import org.shuxiang.catalog.CatalogImport;
import org.shuxiang.catalog.CatalogRecords;
import org.shuxiang.catalog.CatalogSearch;
import org.shuxiang.catalog.Item;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.catalog.MainFields;
import org.shuxiang.catalog.ManagingItems;
import org.shuxiang.catalog.RecordEditing;
import org.shuxiang.platform.Permission;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.shuxiang.catalog.DuplicateRule;
import org.shuxiang.catalog.ImportingRecords;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.web.PageText;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Cataloguing: find a record, edit its main fields, add copies with call numbers and print their spine
 * labels; import a MARC file (ISO 2709 or MARCXML) and read its report.
 */
@Controller
class CatalogueDeskController {

    private final ImportingRecords importing;
    private final CatalogSearch search;
    private final CatalogRecords records;
    private final RecordEditing editing;
    private final ManagingItems items;
    private final DeskUnits desks;
    private final PageText text;

    CatalogueDeskController(ImportingRecords importing, CatalogSearch search, CatalogRecords records,
                            RecordEditing editing, ManagingItems items, DeskUnits desks, PageText text) {
        this.importing = importing;
        this.search = search;
        this.records = records;
        this.editing = editing;
        this.items = items;
        this.desks = desks;
        this.text = text;
    }

    @GetMapping("/staff/catalogue")
    String catalogue(@RequestParam(defaultValue = "") String q, Model model, Locale locale) {
        model.addAttribute("q", q);
        if (!q.isBlank()) {
            try {
                model.addAttribute("result", search.search(new CatalogSearch.SearchRequest(q, 0, 30,
                        CatalogSearch.Sort.RELEVANCE, null, null, null, null, null, null, null)));
            } catch (RefusedException refused) {
                model.addAttribute("error", text.sentence(refused, locale));
            }
        }
        return "staff/catalogue";
    }

    /** A record with its copies: the main fields to edit, copies to add, spine labels to print. */
    @GetMapping("/staff/catalogue/records/{id}")
    String record(@PathVariable long id, Model model) {
        CatalogRecords.RecordView record = records.get(id);
        model.addAttribute("record", record);
        model.addAttribute("form", MainFields.of(record.fields()));
        model.addAttribute("owners", desks.where(Permission.CATALOG_MANAGE));
        model.addAttribute("itemTypes", ItemType.values());
        return "staff/record";
    }

    @PostMapping("/staff/catalogue/records/{id}")
    String edit(@PathVariable long id, @RequestParam int version, @ModelAttribute MainFields form,
                RedirectAttributes redirect, Locale locale) {
        try {
            editing.edit(id, version, form);
            redirect.addFlashAttribute("notice", text.of("desk.reader.saved", locale));
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/catalogue/records/" + id;
    }

    /** Copies added with their barcodes; a call number left blank is the record's (class number and book number). */
    @PostMapping("/staff/catalogue/records/{id}/items")
    String addItems(@PathVariable long id, @RequestParam(defaultValue = "") String barcodes,
                    @RequestParam String owningUnit, @RequestParam(defaultValue = "BOOK") ItemType type,
                    @RequestParam(defaultValue = "") String callNumber, @RequestParam(defaultValue = "") String location,
                    RedirectAttributes redirect, Locale locale) {
        List<ManagingItems.NewItem> copies = java.util.Arrays.stream(barcodes.split("[\\s,，]+"))
                .filter(b -> !b.isBlank())
                .map(b -> new ManagingItems.NewItem(b.strip(), owningUnit, null, location.isBlank() ? null : location.strip(),
                        type, null, null, callNumber.isBlank() ? null : callNumber.strip()))
                .toList();
        if (copies.isEmpty()) {
            redirect.addFlashAttribute("error", text.of("desk.items.noBarcode", locale));
            return "redirect:/staff/catalogue/records/" + id;
        }
        try {
            List<Item> added = items.add(id, copies);
            redirect.addFlashAttribute("notice", text.of("desk.items.added", locale, added.size(),
                    added.get(0).callNumber()));
            redirect.addFlashAttribute("labels", added.stream().map(Item::barcode).toList());
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/catalogue/records/" + id;
    }

    /** Spine labels of a record's copies (all, or the barcodes named), to print on label sheets. */
    @GetMapping("/staff/catalogue/records/{id}/labels")
    String labels(@PathVariable long id, @RequestParam(required = false) List<String> barcode, Model model) {
        CatalogRecords.RecordView record = records.get(id);
        List<Item> copies = record.holdings().stream().flatMap(h -> h.items().stream())
                .filter(i -> barcode == null || barcode.contains(i.barcode()))
                .toList();
        model.addAttribute("record", record);
        model.addAttribute("copies", copies);
        return "staff/labels";
    }

    @PostMapping("/staff/catalogue/imports")
    String importFile(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "AUTO") String encoding,
                      @RequestParam(defaultValue = "KEEP") String duplicates, Model model, Locale locale) {
        if (file.isEmpty()) {
            model.addAttribute("error", text.of("desk.import.noFile", locale));
            return "staff/catalogue";
        }
        MarcEncoding marcEncoding = "AUTO".equals(encoding) ? null : MarcEncoding.valueOf(encoding);
        DuplicateRule rule = DuplicateRule.valueOf(duplicates);
        try (InputStream in = file.getInputStream()) {
            CatalogImport report = importing.importFile(file.getOriginalFilename() == null ? "upload"
                    : file.getOriginalFilename(), in, ImportingRecords.Format.AUTO, marcEncoding, rule);
            return "redirect:/staff/catalogue/imports/" + report.id();
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
            return "staff/catalogue";
        } catch (IOException unreadable) {
            model.addAttribute("error", text.of("desk.import.unreadable", locale, unreadable.getMessage()));
            return "staff/catalogue";
        }
    }

    @GetMapping("/staff/catalogue/imports/{id}")
    String report(@PathVariable long id, Model model) {
        model.addAttribute("report", importing.report(id));
        return "staff/import-report";
    }
}
