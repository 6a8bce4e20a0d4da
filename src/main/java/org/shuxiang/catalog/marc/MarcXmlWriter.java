package org.shuxiang.catalog.marc;

import java.io.OutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a MARCXML collection (MARC21 slim schema), one record at a time. Always UTF-8. */
public final class MarcXmlWriter implements AutoCloseable {

    static final String NAMESPACE = "http://www.loc.gov/MARC21/slim";

    private final XMLStreamWriter xml;

    public MarcXmlWriter(OutputStream out) throws XMLStreamException {
        this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.setDefaultNamespace(NAMESPACE);
        xml.writeStartElement(NAMESPACE, "collection");
        xml.writeDefaultNamespace(NAMESPACE);
        xml.writeCharacters("\n");
    }

    public void write(MarcRecord record) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, "record");
        xml.writeCharacters("\n  ");
        element("leader", record.leader());
        for (MarcRecord.Field field : record.fields()) {
            xml.writeCharacters("\n  ");
            if (field instanceof MarcRecord.ControlField control) {
                xml.writeStartElement(NAMESPACE, "controlfield");
                xml.writeAttribute("tag", control.tag());
                xml.writeCharacters(control.data());
                xml.writeEndElement();
            } else {
                MarcRecord.DataField data = (MarcRecord.DataField) field;
                xml.writeStartElement(NAMESPACE, "datafield");
                xml.writeAttribute("tag", data.tag());
                xml.writeAttribute("ind1", String.valueOf(data.indicator1()));
                xml.writeAttribute("ind2", String.valueOf(data.indicator2()));
                for (MarcRecord.Subfield subfield : data.subfields()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement(NAMESPACE, "subfield");
                    xml.writeAttribute("code", String.valueOf(subfield.code()));
                    xml.writeCharacters(subfield.value());
                    xml.writeEndElement();
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private void element(String name, String text) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    @Override
    public void close() throws XMLStreamException {
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }
}
