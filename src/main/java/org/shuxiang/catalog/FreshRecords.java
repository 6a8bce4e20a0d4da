package org.shuxiang.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.shuxiang.catalog.marc.BibliographicFields;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mapped fields of records an import has just inserted, handed to the search index so that it
 * indexes them without reading each record back from the database and mapping it a second time.
 * Only inserts that commit are offered, and only for their first version: the index takes a record's
 * fields from here when the record is still unchanged since its insert, and reads it otherwise.
 * At most {@value #CAPACITY} records wait. An import that runs ahead of the index waits for room (up
 * to {@value #PATIENCE_MILLIS} ms a batch), which keeps the import in step with its index instead of
 * making the index read everything back; when the index does not take, the records are not kept
 * and the index reads them when it comes to them, so nothing depends on this being here.
 */
@Component
public class FreshRecords {

    static final int CAPACITY = 20_000;
    static final long PATIENCE_MILLIS = 5_000;

    private final Map<Long, BibliographicFields> waiting = new ConcurrentHashMap<>();
    private final Object room = new Object();
    private volatile boolean offering;

    /** Offers the fields of records inserted by the current transaction, for when it commits. */
    void offerAfterCommit(Map<Long, BibliographicFields> inserted) {
        if (inserted.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("fresh records are offered from inside the transaction that inserts them");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                // before, so that they are here when the index sees the commit; taken back if it fails
                waitForRoom(inserted.size());
                inserted.forEach((id, fields) -> {
                    if (waiting.size() < CAPACITY) {
                        waiting.put(id, fields);
                    }
                });
            }

            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    inserted.keySet().forEach(waiting::remove);
                }
            }
        });
    }

    /**
     * The fields of a record as it was inserted, if they are waiting here; taken away either way.
     *
     * @param version the record's version now: the fields are only good for version 0
     */
    public BibliographicFields take(long id, int version) {
        BibliographicFields fields = waiting.remove(id);
        if (offering && fields != null) {
            synchronized (room) {
                room.notifyAll();
            }
        }
        return version == 0 ? fields : null;
    }

    private void waitForRoom(int wanted) {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        synchronized (room) {
            offering = true;
            try {
                while (waiting.size() + wanted > CAPACITY) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        return;
                    }
                    room.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                offering = false;
            }
        }
    }
}
