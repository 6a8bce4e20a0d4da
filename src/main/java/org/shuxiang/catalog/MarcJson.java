package org.shuxiang.catalog;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.shuxiang.catalog.marc.MarcRecord;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record's fields as JSON for the database, losslessly: every field in order, indicators and
 * subfield codes as they were. {@code [{"tag":"001","data":"…"},
 * {"tag":"200","ind1":"1","ind2":" ","subfields":[["a","三体"],["f","刘慈欣著"]]}]}
 */
final class MarcJson {

    private final JsonMapper json;

    MarcJson(JsonMapper json) {
        this.json = json;
    }

    /** Written with the streaming generator: records are stored in batches of hundreds, a tree each would be waste. */
    String fields(MarcRecord record) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            for (MarcRecord.Field field : record.fields()) {
                generator.writeStartObject();
                generator.writeStringProperty("tag", field.tag());
                if (field instanceof MarcRecord.ControlField control) {
                    generator.writeStringProperty("data", control.data());
                } else {
                    MarcRecord.DataField data = (MarcRecord.DataField) field;
                    generator.writeStringProperty("ind1", String.valueOf(data.indicator1()));
                    generator.writeStringProperty("ind2", String.valueOf(data.indicator2()));
                    generator.writeName("subfields");
                    generator.writeStartArray();
                    for (MarcRecord.Subfield subfield : data.subfields()) {
                        generator.writeStartArray();
                        generator.writeString(String.valueOf(subfield.code()));
                        generator.writeString(subfield.value());
                        generator.writeEndArray();
                    }
                    generator.writeEndArray();
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        return out.toString();
    }

    MarcRecord record(String leader, String fieldsJson) {
        List<MarcRecord.Field> fields = new ArrayList<>();
        for (JsonNode node : json.readTree(fieldsJson)) {
            String tag = node.get("tag").asString();
            if (node.has("data")) {
                fields.add(new MarcRecord.ControlField(tag, node.get("data").asString()));
            } else {
                List<MarcRecord.Subfield> subfields = new ArrayList<>();
                for (JsonNode pair : node.get("subfields")) {
                    subfields.add(new MarcRecord.Subfield(pair.get(0).asString().charAt(0), pair.get(1).asString()));
                }
                fields.add(new MarcRecord.DataField(tag, node.get("ind1").asString().charAt(0),
                        node.get("ind2").asString().charAt(0), subfields));
            }
        }
        return new MarcRecord(leader, fields);
    }
}
