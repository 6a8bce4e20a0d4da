package org.shuxiang.catalog.marc;

/**
 * What a reader makes of one record of a file: the record, or the reason it was rejected. Either
 * way it says which record of the file it was (from 1) and at which byte (or line, for XML) it began.
 */
public sealed interface MarcReadResult {

    long number();

    long offset();

    record Read(long number, long offset, MarcRecord record, MarcEncoding encoding) implements MarcReadResult {
    }

    record Rejected(long number, long offset, String reason) implements MarcReadResult {
    }
}
