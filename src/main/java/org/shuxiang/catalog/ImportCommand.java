package org.shuxiang.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.catalog.search.SearchIndex;
import org.shuxiang.platform.AccessControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar shuxiang.jar import FILE [--format=auto|iso2709|marcxml]
 * [--encoding=auto|utf-8|marc-8|gb18030] [--duplicates=keep|replace|merge]}: imports a large MARC file
 * from the command line, streaming, with the search index brought up to date before it exits.
 */
@Component
@Order(200)
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(ImportCommand.class);

    private final ImportingRecords importing;
    private final SearchIndex index;
    private final AccessControl access;
    private int exitCode;

    ImportCommand(ImportingRecords importing, SearchIndex index, AccessControl access) {
        this.importing = importing;
        this.index = index;
        this.access = access;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !words.get(0).equals("import")) {
            return;
        }
        if (words.size() != 2) {
            log.error("usage: import FILE [--format=auto|iso2709|marcxml] [--encoding=auto|utf-8|marc-8|gb18030] "
                    + "[--duplicates=keep|replace|merge]");
            exitCode = 2;
            return;
        }
        Path file = Path.of(words.get(1));
        ImportingRecords.Format format = ImportingRecords.Format.valueOf(option(args, "format", "auto"));
        String encodingName = option(args, "encoding", "auto").replace('-', '_');
        MarcEncoding encoding = encodingName.equals("AUTO") ? null : MarcEncoding.valueOf(encodingName);
        DuplicateRule rule = DuplicateRule.valueOf(option(args, "duplicates", "keep"));
        long started = System.nanoTime();
        CatalogImport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = access.asSystem("cli-import", () -> importing.importFile(file.getFileName().toString(), in,
                    format, encoding, rule));
        }
        index.catchUp();
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Import {} of {}: {} read, {} created, {} merged, {} rejected in {} s ({} records/s)", report.id(),
                file, report.recordsRead(), report.created(), report.merged(), report.rejected(),
                String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%.0f", report.recordsRead() / Math.max(seconds, 0.001)));
        report.rejections().stream().limit(50).forEach(r ->
                log.info("  rejected record {} at byte {}: {}", r.recordNumber(), r.offset(), r.reason()));
        exitCode = "FINISHED".equals(report.status()) ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return (values == null || values.isEmpty() ? fallback : values.get(0)).trim().toUpperCase(Locale.ROOT);
    }
}
