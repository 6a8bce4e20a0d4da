package org.shuxiang.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.shuxiang.catalog.CatalogImport;
import org.shuxiang.catalog.CatalogRecords;
import org.shuxiang.catalog.CatalogRefusal;
import org.shuxiang.catalog.CatalogSearch;
import org.shuxiang.catalog.DuplicateRule;
import org.shuxiang.catalog.ExportingRecords;
import org.shuxiang.catalog.ImportingRecords;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/v1/catalog}: MARC imports with their reports, records, and exports. */
@RestController
@RequestMapping("/api/v1/catalog")
class CatalogController {

    private final ImportingRecords importing;
    private final ExportingRecords exporting;
    private final CatalogRecords records;
    private final CatalogSearch search;

    CatalogController(ImportingRecords importing, ExportingRecords exporting, CatalogRecords records,
                      CatalogSearch search) {
        this.search = search;
        this.importing = importing;
        this.exporting = exporting;
        this.records = records;
    }

    /**
     * Imports a MARC file: {@code format} auto, iso2709 or marcxml; {@code encoding} auto, utf-8, marc-8
     * or gb18030 (ISO 2709); {@code duplicates} keep, replace or merge.
     */
    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CatalogImport importFile(@RequestPart("file") MultipartFile file,
                             @RequestParam(defaultValue = "auto") String format,
                             @RequestParam(defaultValue = "auto") String encoding,
                             @RequestParam(defaultValue = "keep") String duplicates) throws IOException {
        if (file.isEmpty()) {
            throw RefusedException.onField("file", CatalogRefusal.EMPTY_FILE, file.getOriginalFilename());
        }
        ImportingRecords.Format importFormat = choice(ImportingRecords.Format.class, format, "format");
        MarcEncoding marcEncoding = "AUTO".equals(upper(encoding)) ? null : encoding(encoding);
        DuplicateRule rule = choice(DuplicateRule.class, duplicates, "duplicates");
        try (InputStream in = file.getInputStream()) {
            return importing.importFile(Optional.ofNullable(file.getOriginalFilename()).orElse("upload"), in,
                    importFormat, marcEncoding, rule);
        }
    }

    @GetMapping("/imports/{id}")
    CatalogImport report(@PathVariable long id) {
        return importing.report(id);
    }

    @GetMapping("/records/{id}")
    CatalogRecords.RecordView record(@PathVariable long id) {
        return records.get(id);
    }

    /**
     * Exports the records named by {@code ids}, or those a search finds ({@code q} and the search's
     * filters), or every record when neither is given.
     */
    @GetMapping("/exports")
    ResponseEntity<StreamingResponseBody> export(@RequestParam Optional<List<Long>> ids,
                                                 @RequestParam Optional<String> q,
                                                 @RequestParam Optional<String> clcClass,
                                                 @RequestParam Optional<String> availableWithin,
                                                 @RequestParam Optional<Integer> yearFrom,
                                                 @RequestParam Optional<Integer> yearTo,
                                                 @RequestParam(defaultValue = "iso2709") String format,
                                                 @RequestParam(defaultValue = "utf-8") String encoding,
                                                 @RequestParam(defaultValue = "own") String flavour) {
        MarcFlavour target = "OWN".equals(upper(flavour)) ? null : choice(MarcFlavour.class, flavour, "flavour");
        ExportingRecords.Format exportFormat = choice(ExportingRecords.Format.class, format, "format");
        MarcEncoding marcEncoding = encoding(encoding);
        List<Long> selection = ids.orElse(null);
        boolean bySearch = q.isPresent() || clcClass.isPresent() || availableWithin.isPresent()
                || yearFrom.isPresent() || yearTo.isPresent();
        if (selection == null && bySearch) {
            exporting.check(null, exportFormat, marcEncoding);
            selection = search.ids(new CatalogSearch.SearchRequest(q.orElse(null), 0, 0, CatalogSearch.Sort.RELEVANCE,
                    null, availableWithin.orElse(null), null, clcClass.orElse(null), null, yearFrom.orElse(null),
                    yearTo.orElse(null)), ExportingRecords.MAX_SEARCH_RECORDS + 1);
            if (selection.size() > ExportingRecords.MAX_SEARCH_RECORDS) {
                throw new RefusedException(CatalogRefusal.TOO_MANY_RECORDS_REQUESTED,
                        ExportingRecords.MAX_SEARCH_RECORDS);
            }
        } else {
            exporting.check(selection, exportFormat, marcEncoding);
        }
        List<Long> chosen = selection;
        boolean xml = exportFormat == ExportingRecords.Format.MARCXML;
        return ResponseEntity.ok()
                .contentType(xml ? MediaType.parseMediaType("application/marcxml+xml")
                        : MediaType.parseMediaType("application/marc"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(xml ? "shuxiang-records.xml" : "shuxiang-records.mrc").build().toString())
                .body(out -> exporting.export(chosen, exportFormat, marcEncoding, target, out));
    }

    private static MarcEncoding encoding(String name) {
        return choice(MarcEncoding.class, name.replace('-', '_'), "encoding");
    }

    /** One of an enum's values, named in any case; anything else is a 400 naming the parameter. */
    private static <E extends Enum<E>> E choice(Class<E> type, String value, String parameter) {
        try {
            return Enum.valueOf(type, upper(value));
        } catch (IllegalArgumentException e) {
            throw RefusedException.onField(parameter, PlatformRefusal.VALIDATION_FAILED);
        }
    }

    private static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
