package org.shuxiang.catalog.marc;

/** A record that breaks the MARC format: the message says how, for the import report. */
public class MarcFormatException extends Exception {

    public MarcFormatException(String message) {
        super(message);
    }
}
