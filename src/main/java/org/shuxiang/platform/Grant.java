package org.shuxiang.platform;

import java.util.Objects;

/**
 * A role on a part of the network: the subtree under {@code unitCode} (null: the whole network),
 * narrowed to the units that {@code operatorCode} runs when one is named.
 */
public record Grant(Role role, String unitCode, String operatorCode) {

    public Grant {
        Objects.requireNonNull(role, "role");
    }

    public static Grant wholeNetwork(Role role) {
        return new Grant(role, null, null);
    }

    public static Grant on(Role role, String unitCode) {
        return new Grant(role, unitCode, null);
    }

    public boolean coversWholeNetwork() {
        return unitCode == null && operatorCode == null;
    }
}
