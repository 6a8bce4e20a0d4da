package org.shuxiang.circulation;

import java.util.ArrayList;
import java.util.List;

import org.shuxiang.holds.HoldLimits;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.patrons.CardType;
import org.springframework.stereotype.Component;

/** Hold limits from the policy matrix: the rule for the card type and any item type at the pickup point. */
@Component
class PolicyHoldLimits implements HoldLimits {

    private final LoanRepository loans;
    private final OrgUnits units;

    PolicyHoldLimits(LoanRepository loans, OrgUnits units) {
        this.loans = loans;
        this.units = units;
    }

    @Override
    public int maxHolds(CardType cardType, String pickupUnit) {
        List<String> path = new ArrayList<>(units.tree().ancestors(pickupUnit));
        path.add(pickupUnit);
        return new PolicyMatrix(loans.rules()).decide(cardType, null, path).map(d -> d.rule().maxHolds()).orElse(0);
    }
}
