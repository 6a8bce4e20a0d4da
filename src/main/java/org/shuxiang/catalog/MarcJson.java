package org.shuxiang.catalog;

import java.util.ArrayList;
import java.util.List;

import org.shuxiang.catalog.marc.MarcRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

    String fields(MarcRecord record) {
        ArrayNode array = json.createArrayNode();
        for (MarcRecord.Field field : record.fields()) {
            ObjectNode node = array.addObject();
            node.put("tag", field.tag());
            if (field instanceof MarcRecord.ControlField control) {
                node.put("data", control.data());
            } else {
                MarcRecord.DataField data = (MarcRecord.DataField) field;
                node.put("ind1", String.valueOf(data.indicator1()));
                node.put("ind2", String.valueOf(data.indicator2()));
                ArrayNode subfields = node.putArray("subfields");
                for (MarcRecord.Subfield subfield : data.subfields()) {
                    subfields.addArray().add(String.valueOf(subfield.code())).add(subfield.value());
                }
            }
        }
        return json.writeValueAsString(array);
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
