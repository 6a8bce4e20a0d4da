package org.shuxiang.patrons;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deposit tiers of the network (押金档次): each amount sets how many items a reader may have on loan at
 * once. {@code shuxiang.patrons.deposit-tiers} lists {@code fen:items} pairs; the default is 100 元 for 10
 * items, 200 元 for 20 and 300 元 for 30.
 */
@Component
public class DepositTiers {

    private final TreeMap<Integer, Integer> tiers = new TreeMap<>();

    DepositTiers(@Value("${shuxiang.patrons.deposit-tiers:10000:10,20000:20,30000:30}") String configured) {
        for (String pair : configured.split(",")) {
            String[] parts = pair.strip().split(":");
            tiers.put(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        }
    }

    /** The loan limit of a deposit of exactly one tier's amount. */
    public Optional<Integer> loanLimit(int cents) {
        return Optional.ofNullable(tiers.get(cents));
    }

    /** The tiers in words: "100 元 → 10, …". */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, Integer> tier : tiers.entrySet()) {
            text.append(text.isEmpty() ? "" : ", ").append(tier.getKey() / 100).append(" 元 → ").append(tier.getValue());
        }
        return text.toString();
    }
}
