package org.shuxiang.catalog.marc;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A reader of MARC files: one result per record, read only when asked for, until the file ends. */
public abstract class MarcReader implements Iterator<MarcReadResult>, Closeable {

    private MarcReadResult next;
    private boolean finished;

    /** The next record's result, or null at the end of the file. */
    protected abstract MarcReadResult readNext() throws IOException;

    @Override
    public final boolean hasNext() {
        if (next == null && !finished) {
            try {
                next = readNext();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public final MarcReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MarcReadResult result = next;
        next = null;
        return result;
    }
}
