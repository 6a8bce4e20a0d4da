package org.shuxiang.circulation;

import org.shuxiang.catalog.ItemType;
import org.shuxiang.patrons.CardType;

/**
 * One cell of the policy matrix. A null card type, item type or unit matches any; {@code unitCode}
 * covers the unit's whole subtree. Money is in fen (分): 10 is 0.10 元.
 */
public record LoanRule(long id, CardType cardType, ItemType itemType, String unitCode, int loanDays, int renewals,
                       int renewalDays, int maxLoans, Integer maxLoansOfType, int maxHolds, int dailyFeeCents,
                       int feeCapCents, int graceDays, int suspensionDays, String note) {
}
