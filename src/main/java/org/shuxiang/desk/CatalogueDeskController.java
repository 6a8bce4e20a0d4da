package org.shuxiang.desk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.shuxiang.catalog.CatalogImport;
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

/** Cataloguing: import a MARC file (ISO 2709 or MARCXML) and read its report. */
@Controller
class CatalogueDeskController {

    private final ImportingRecords importing;
    private final PageText text;

    CatalogueDeskController(ImportingRecords importing, PageText text) {
        this.importing = importing;
        this.text = text;
    }

    @GetMapping("/staff/catalogue")
    String catalogue() {
        return "staff/catalogue";
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
