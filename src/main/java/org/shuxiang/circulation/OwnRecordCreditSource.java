package org.shuxiang.circulation;

import org.shuxiang.patrons.CreditSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The built-in score as the network's credit source, unless {@code shuxiang.credit.source} names another. */
@Component
@ConditionalOnProperty(name = "shuxiang.credit.source", havingValue = "own", matchIfMissing = true)
class OwnRecordCreditSource implements CreditSource {

    private final OwnRecordCredit credit;

    OwnRecordCreditSource(OwnRecordCredit credit) {
        this.credit = credit;
    }

    @Override
    public Assessment assess(Subject subject) {
        return credit.assess(subject.readerId());
    }
}
