package org.shuxiang.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.shuxiang.catalog.marc.MarcFlavour;
import org.shuxiang.catalog.marc.MarcRecord;
import org.shuxiang.catalog.marc.MarcRecord.DataField;
import org.shuxiang.catalog.marc.MarcRecord.Field;
import org.shuxiang.catalog.marc.MarcRecord.Subfield;

/**
 * The fields of a record a cataloguer edits on a form (title, statement of responsibility, main author,
 * publisher, place, year, ISBN, CLC number, summary), and how each is written into the MARC of either
 * flavour: the subfield the platform reads it from is changed, the rest of the field is kept, a field
 * that is missing is added in tag order, and a value left blank removes its subfield (and a field left
 * empty). A plain function, tested as one.
 */
public record MainFields(String title, String responsibility, String author, String publisher, String place,
                         String year, String isbn, String clcNumber, String summary) {

    /** The fields as the form shows them, read from the record's mapped fields. */
    public static MainFields of(BibliographicFields fields) {
        return new MainFields(fields.title(), fields.responsibility(),
                fields.names().isEmpty() ? null : fields.names().get(0).name(), fields.publisher(), fields.place(),
                fields.year() == null ? null : fields.year().toString(),
                fields.isbns().isEmpty() ? null : fields.isbns().get(0).toString(), fields.clcNumber(),
                fields.summary());
    }

    /** {@code record} with these values written in. */
    public MarcRecord applyTo(MarcRecord record, MarcFlavour flavour) {
        MarcRecord r = record;
        if (flavour == MarcFlavour.MARC21) {
            r = set(r, "245", f -> true, '1', '0', 'a', title);
            r = set(r, "245", f -> true, '1', '0', 'c', responsibility);
            r = set(r, "100", f -> true, '1', ' ', 'a', author);
            String publication = r.dataFields("264").anyMatch(f -> f.indicator2() == '1') ? "264"
                    : r.dataField("260").isPresent() ? "260" : "264";
            Predicate<DataField> statement = "264".equals(publication) ? f -> f.indicator2() == '1' : f -> true;
            r = set(r, publication, statement, ' ', '1', 'a', place);
            r = set(r, publication, statement, ' ', '1', 'b', publisher);
            r = set(r, publication, statement, ' ', '1', 'c', year);
            r = set(r, "020", f -> true, ' ', ' ', 'a', isbn);
            boolean clcField = r.dataFields("084").anyMatch(MainFields::isClc);
            r = set(r, "084", clcField ? MainFields::isClc : f -> true, ' ', ' ', 'a', clcNumber);
            if (!clcField && clcNumber != null && !clcNumber.isBlank()) {
                r = set(r, "084", f -> true, ' ', ' ', '2', "clc");
            }
            r = set(r, "520", f -> true, ' ', ' ', 'a', summary);
        } else {
            r = set(r, "200", f -> true, '1', ' ', 'a', title);
            r = set(r, "200", f -> true, '1', ' ', 'f', responsibility);
            r = set(r, "701", f -> true, ' ', '0', 'a', author);
            r = set(r, "210", f -> true, ' ', ' ', 'a', place);
            r = set(r, "210", f -> true, ' ', ' ', 'c', publisher);
            r = set(r, "210", f -> true, ' ', ' ', 'd', year);
            r = set(r, "010", f -> true, ' ', ' ', 'a', isbn);
            r = set(r, "690", f -> true, ' ', ' ', 'a', clcNumber);
            r = set(r, "330", f -> true, ' ', ' ', 'a', summary);
        }
        return r;
    }

    private static boolean isClc(DataField field) {
        return field.first('2').filter(scheme -> scheme.strip().equalsIgnoreCase("clc")).isPresent();
    }

    /**
     * Sets subfield {@code code} of the first field with {@code tag} that {@code which} accepts: replaced
     * when there, added after the field's other subfields when not; removed when {@code value} is blank.
     */
    static MarcRecord set(MarcRecord record, String tag, Predicate<DataField> which, char ind1, char ind2, char code,
                          String value) {
        String text = value == null ? "" : value.strip();
        List<Field> fields = new ArrayList<>(record.fields());
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i) instanceof DataField field && field.tag().equals(tag) && which.test(field)) {
                List<Subfield> subfields = new ArrayList<>();
                boolean done = false;
                for (Subfield subfield : field.subfields()) {
                    if (subfield.code() == code && !done) {
                        done = true;
                        if (!text.isEmpty()) {
                            subfields.add(new Subfield(code, text));
                        }
                    } else {
                        subfields.add(subfield);
                    }
                }
                if (!done && !text.isEmpty()) {
                    subfields.add(new Subfield(code, text));
                }
                if (subfields.isEmpty()) {
                    fields.remove(i);
                } else {
                    fields.set(i, new DataField(tag, field.indicator1(), field.indicator2(), subfields));
                }
                return new MarcRecord(record.leader(), fields);
            }
        }
        if (text.isEmpty()) {
            return record;
        }
        int at = 0;
        while (at < fields.size() && fields.get(at).tag().compareTo(tag) <= 0) {
            at++;
        }
        fields.add(at, new DataField(tag, ind1, ind2, List.of(new Subfield(code, text))));
        return new MarcRecord(record.leader(), fields);
    }
}
