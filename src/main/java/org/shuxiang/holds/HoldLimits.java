package org.shuxiang.holds;

import org.shuxiang.patrons.CardType;

/** How many live holds a card may have for a pickup point: the policy matrix answers (circulation implements it). */
public interface HoldLimits {

    int maxHolds(CardType cardType, String pickupUnit);
}
