package org.shuxiang.catalog.marc;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads MARCXML (MARC21 slim, also used for UNIMARC and CNMARC) one record at a time with StAX, so a
 * large file streams through. A record with a bad leader or tag is rejected and reading goes on; XML
 * that is not well formed ends the file with a rejection that names the line. The offset of a result
 * is the line on which its record starts.
 */
public final class MarcXmlReader extends MarcReader {

    private static final XMLInputFactory FACTORY = newFactory();

    private final XMLStreamReader xml;
    private long number;
    private boolean finished;

    public MarcXmlReader(InputStream in) {
        try {
            this.xml = FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // nothing left to read from it
        }
    }

    @Override
    protected MarcReadResult readNext() {
        if (finished) {
            return null;
        }
        long line = 0;
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("record")) {
                    number++;
                    line = xml.getLocation().getLineNumber();
                    return readRecord(line);
                }
            }
            finished = true;
            return null;
        } catch (XMLStreamException e) {
            finished = true;
            long at = e.getLocation() == null ? line : e.getLocation().getLineNumber();
            return new MarcReadResult.Rejected(Math.max(number, 1), at, "the XML is not well formed at line " + at
                    + ": " + e.getMessage().replaceAll("\\s+", " "));
        }
    }

    private MarcReadResult readRecord(long line) throws XMLStreamException {
        String leader = null;
        List<MarcRecord.Field> fields = new ArrayList<>();
        String problem = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("record")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "leader" -> leader = xml.getElementText();
                case "controlfield" -> {
                    String tag = xml.getAttributeValue(null, "tag");
                    String text = xml.getElementText();
                    if (!validTag(tag)) {
                        problem = problem != null ? problem : "a control field has no valid tag: '" + tag + "'";
                    } else {
                        fields.add(new MarcRecord.ControlField(tag, text));
                    }
                }
                case "datafield" -> {
                    String tag = xml.getAttributeValue(null, "tag");
                    char ind1 = indicator(xml.getAttributeValue(null, "ind1"));
                    char ind2 = indicator(xml.getAttributeValue(null, "ind2"));
                    List<MarcRecord.Subfield> subfields = readSubfields();
                    if (!validTag(tag)) {
                        problem = problem != null ? problem : "a data field has no valid tag: '" + tag + "'";
                    } else {
                        fields.add(new MarcRecord.DataField(tag, ind1, ind2, subfields));
                    }
                }
                default -> {
                    // elements outside MARCXML are ignored
                }
            }
        }
        if (leader == null || leader.length() != MarcRecord.LEADER_LENGTH) {
            return new MarcReadResult.Rejected(number, line, "the leader must have 24 characters, not "
                    + (leader == null ? "none" : leader.length()));
        }
        if (problem != null) {
            return new MarcReadResult.Rejected(number, line, problem);
        }
        return new MarcReadResult.Read(number, line, new MarcRecord(leader, fields), MarcEncoding.UTF_8);
    }

    private List<MarcRecord.Subfield> readSubfields() throws XMLStreamException {
        List<MarcRecord.Subfield> subfields = new ArrayList<>();
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("datafield")) {
                return subfields;
            }
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("subfield")) {
                String code = xml.getAttributeValue(null, "code");
                String value = xml.getElementText();
                subfields.add(new MarcRecord.Subfield(code == null || code.isEmpty() ? ' ' : code.charAt(0), value));
            }
        }
        return subfields;
    }

    private static boolean validTag(String tag) {
        return tag != null && tag.length() == 3 && tag.chars().allMatch(c -> c < 0x80 && Character.isLetterOrDigit(c));
    }

    private static char indicator(String value) {
        return value == null || value.isEmpty() ? ' ' : value.charAt(0);
    }
}
