package org.shuxiang.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.shuxiang.catalog.marc.EncodingMarks;
import org.shuxiang.catalog.marc.FlavourConversion;
import org.shuxiang.catalog.marc.Iso2709Writer;
import org.shuxiang.catalog.marc.MarcEncoding;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcRecord;
import org.shuxiang.catalog.marc.MarcXmlWriter;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports records as ISO 2709 (UTF-8 or GB18030) or MARCXML, each in its own flavour, with the
 * encoding marks set to what is written, so that the file imports back to the same records.
 * Everything is read a page at a time, never all at once.
 */
@Service
public class ExportingRecords {

    public enum Format { ISO2709, MARCXML }

    static final int PAGE = 500;
    static final int MAX_IDS = 10_000;
    /** A search export's limit: larger sets are exported whole or by narrower searches. */
    public static final int MAX_SEARCH_RECORDS = 100_000;

    private final BibRecordRepository records;
    private final AccessControl access;

    ExportingRecords(BibRecordRepository records, AccessControl access) {
        this.records = records;
        this.access = access;
    }

    /** Checks the request before any byte is written, so that a refusal is still a clean 4xx. */
    public void check(List<Long> ids, Format format, MarcEncoding encoding) {
        checkFormat(format, encoding);
        if (ids != null && ids.size() > MAX_IDS) {
            throw new RefusedException(CatalogRefusal.TOO_MANY_RECORDS_REQUESTED, MAX_IDS);
        }
    }

    private void checkFormat(Format format, MarcEncoding encoding) {
        access.requireSomewhere(Permission.CATALOG_MANAGE);
        if (format == Format.ISO2709 && encoding.charset() == null) {
            throw new RefusedException(CatalogRefusal.EXPORT_ENCODING_UNSUPPORTED, encoding);
        }
    }

    /**
     * Writes the records with these ids (every record when {@code ids} is null) to {@code out},
     * converting every record to {@code flavour} (MARC21 or CNMARC) on the way; null keeps each
     * record's own.
     */
    @Transactional(readOnly = true)
    public void export(List<Long> ids, Format format, MarcEncoding encoding, MarcFlavour flavour, OutputStream out) {
        checkFormat(format, encoding);
        try {
            Sink sink = format == Format.MARCXML ? new XmlSink(new MarcXmlWriter(out), flavour)
                    : new IsoSink(new Iso2709Writer(out, encoding), encoding, flavour);
            if (ids != null) {
                for (int from = 0; from < ids.size(); from += PAGE) {
                    writeAll(records.findAll(ids.subList(from, Math.min(ids.size(), from + PAGE))), sink);
                }
            } else {
                long after = 0;
                List<Long> page;
                while (!(page = records.idsAfter(after, PAGE)).isEmpty()) {
                    writeAll(records.findAll(page), sink);
                    after = page.get(page.size() - 1);
                }
            }
            sink.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing MARCXML failed", e);
        }
    }

    private static void writeAll(List<BibRecordRepository.Stored> page, Sink sink)
            throws IOException, XMLStreamException {
        for (BibRecordRepository.Stored stored : page) {
            sink.write(stored);
        }
    }

    private interface Sink {
        void write(BibRecordRepository.Stored record) throws IOException, XMLStreamException;

        void close() throws IOException, XMLStreamException;
    }

    /** The stored record in the flavour asked for, with that flavour. */
    private static MarcRecord inFlavour(BibRecordRepository.Stored stored, MarcFlavour flavour) {
        return flavour == null ? stored.marc() : FlavourConversion.convert(stored.marc(), flavour);
    }

    private record IsoSink(Iso2709Writer writer, MarcEncoding encoding, MarcFlavour flavour) implements Sink {
        @Override
        public void write(BibRecordRepository.Stored stored) throws IOException {
            writer.write(EncodingMarks.apply(inFlavour(stored, flavour), flavour == null ? stored.flavour() : flavour,
                    encoding));
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }

    private record XmlSink(MarcXmlWriter writer, MarcFlavour flavour) implements Sink {
        @Override
        public void write(BibRecordRepository.Stored stored) throws XMLStreamException {
            MarcRecord marked = EncodingMarks.apply(inFlavour(stored, flavour),
                    flavour == null ? stored.flavour() : flavour, MarcEncoding.UTF_8);
            writer.write(marked);
        }

        @Override
        public void close() throws XMLStreamException {
            writer.close();
        }
    }
}
