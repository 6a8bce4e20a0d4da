package org.shuxiang.circulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.shuxiang.catalog.ItemType;
import org.shuxiang.patrons.CardType;

/**
 * The loan rules of the network and how one is chosen: among the rules that match the card type, the
 * item type and the lending unit (a rule for a unit covers its subtree), the most specific wins. A
 * rule for a unit deeper in the tree beats one for its parent (a main library overrides the network
 * for its own subtree); at the same depth a rule naming the card type beats one that does not, and
 * then one naming the item type.
 */
public final class PolicyMatrix {

    /** The rule chosen, and every rule that matched, best first, with why each one matched. */
    public record Decision(LoanRule rule, List<Candidate> candidates) {
    }

    /** A rule that matched, its weight and the reasons, for the explanation endpoint. */
    public record Candidate(LoanRule rule, int unitDepth, boolean namesCardType, boolean namesItemType,
                            String why) {
    }

    private final List<LoanRule> rules;

    public PolicyMatrix(List<LoanRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<LoanRule> rules() {
        return rules;
    }

    /**
     * @param unitPath the lending unit's ancestors from the root down, then the unit itself
     */
    public Optional<Decision> decide(CardType cardType, ItemType itemType, List<String> unitPath) {
        List<Candidate> candidates = new ArrayList<>();
        for (LoanRule rule : rules) {
            if (rule.cardType() != null && rule.cardType() != cardType) {
                continue;
            }
            if (rule.itemType() != null && rule.itemType() != itemType) {
                continue;
            }
            int depth = rule.unitCode() == null ? -1 : unitPath.indexOf(rule.unitCode());
            if (rule.unitCode() != null && depth < 0) {
                continue;
            }
            candidates.add(new Candidate(rule, depth, rule.cardType() != null, rule.itemType() != null,
                    why(rule, depth, unitPath)));
        }
        candidates.sort(WEIGHT.reversed());
        return candidates.isEmpty() ? Optional.empty() : Optional.of(new Decision(candidates.get(0).rule(), candidates));
    }

    private static final Comparator<Candidate> WEIGHT = Comparator.comparingInt(Candidate::unitDepth)
            .thenComparing(Candidate::namesCardType).thenComparing(Candidate::namesItemType);

    /** Two rules with the same weight for the same cell would make the choice a matter of chance. */
    public static boolean sameCell(LoanRule a, LoanRule b) {
        return a.cardType() == b.cardType() && a.itemType() == b.itemType()
                && java.util.Objects.equals(a.unitCode(), b.unitCode());
    }

    private static String why(LoanRule rule, int depth, List<String> unitPath) {
        String unit = rule.unitCode() == null ? "the whole network"
                : "unit " + rule.unitCode() + (depth == unitPath.size() - 1 ? " itself" : ", an ancestor of the lending unit");
        return "matches " + (rule.cardType() == null ? "any card type" : "card type " + rule.cardType()) + ", "
                + (rule.itemType() == null ? "any item type" : "item type " + rule.itemType()) + ", " + unit;
    }
}
