package org.shuxiang.catalog.marc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One MARC record, MARC21 or UNIMARC/CNMARC alike: a 24-character leader and its fields in file
 * order. Text is Unicode whatever the file's encoding was; the writers encode it again.
 */
public record MarcRecord(String leader, List<Field> fields) {

    public static final int LEADER_LENGTH = 24;

    public MarcRecord {
        Objects.requireNonNull(leader, "leader");
        if (leader.length() != LEADER_LENGTH) {
            throw new IllegalArgumentException("a leader has 24 characters, not " + leader.length());
        }
        fields = List.copyOf(fields);
    }

    /** A field: a control field (tag below 010, data only) or a data field (indicators and subfields). */
    public sealed interface Field permits ControlField, DataField {
        String tag();
    }

    public record ControlField(String tag, String data) implements Field {
        public ControlField {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(data, "data");
        }
    }

    public record DataField(String tag, char indicator1, char indicator2, List<Subfield> subfields) implements Field {
        public DataField {
            Objects.requireNonNull(tag, "tag");
            subfields = List.copyOf(subfields);
        }

        /** The values of every subfield with this code, in order. */
        public List<String> all(char code) {
            List<String> values = new ArrayList<>(2);
            for (Subfield subfield : subfields) {
                if (subfield.code() == code) {
                    values.add(subfield.value());
                }
            }
            return values;
        }

        public Optional<String> first(char code) {
            for (Subfield subfield : subfields) {
                if (subfield.code() == code) {
                    return Optional.of(subfield.value());
                }
            }
            return Optional.empty();
        }
    }

    public record Subfield(char code, String value) {
        public Subfield {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Control fields have tags 001 to 009 (and 00X in general). */
    public static boolean isControlTag(String tag) {
        return tag.length() == 3 && tag.startsWith("00");
    }

    public Stream<DataField> dataFields(String tag) {
        return fields.stream().filter(f -> f instanceof DataField && f.tag().equals(tag)).map(DataField.class::cast);
    }

    // the lookups below are loops rather than streams: imports and the index call them for every record

    public Optional<DataField> dataField(String tag) {
        for (Field field : fields) {
            if (field instanceof DataField data && field.tag().equals(tag)) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }

    public Optional<String> controlField(String tag) {
        for (Field field : fields) {
            if (field instanceof ControlField control && field.tag().equals(tag)) {
                return Optional.of(control.data());
            }
        }
        return Optional.empty();
    }

    /** The first value of {@code tag$code}, e.g. {@code first("245", 'a')}. */
    public Optional<String> first(String tag, char code) {
        for (Field field : fields) {
            if (field instanceof DataField data && field.tag().equals(tag)) {
                Optional<String> value = data.first(code);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code tag$code} across repeated fields. */
    public List<String> all(String tag, char code) {
        List<String> values = new ArrayList<>(2);
        for (Field field : fields) {
            if (field instanceof DataField data && field.tag().equals(tag)) {
                for (Subfield subfield : data.subfields()) {
                    if (subfield.code() == code) {
                        values.add(subfield.value());
                    }
                }
            }
        }
        return values;
    }

    /** A copy with another leader (the writers set lengths and the encoding position). */
    public MarcRecord withLeader(String newLeader) {
        return new MarcRecord(newLeader, fields);
    }

    /** A copy with {@code replacement} in place of every field with its tag, or added at the end. */
    public MarcRecord withFieldsReplaced(String tag, List<Field> replacement) {
        List<Field> result = new ArrayList<>();
        boolean placed = false;
        for (Field field : fields) {
            if (field.tag().equals(tag)) {
                if (!placed) {
                    result.addAll(replacement);
                    placed = true;
                }
            } else {
                result.add(field);
            }
        }
        if (!placed) {
            result.addAll(replacement);
        }
        return new MarcRecord(leader, result);
    }
}
