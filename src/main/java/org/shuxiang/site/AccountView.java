package org.shuxiang.site;

import org.shuxiang.patrons.ManagingReaders;
import org.springframework.stereotype.Component;

/** What the reader pages read about the reader signed in, through the patrons module's services. */
@Component
class AccountView {

    private final ManagingReaders readers;

    AccountView(ManagingReaders readers) {
        this.readers = readers;
    }

    String homeUnit(long readerId) {
        return readers.get(readerId).homeUnit();
    }
}
