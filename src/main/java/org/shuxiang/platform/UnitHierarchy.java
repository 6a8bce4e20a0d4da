package org.shuxiang.platform;

import java.util.Optional;
import java.util.Set;

/**
 * The shape of the network as the platform needs it for scopes. The network module provides it,
 * so that the platform, which comes first, knows nothing of units beyond this.
 */
public interface UnitHierarchy {

    boolean exists(String unitCode);

    /** True when {@code unitCode} is {@code ancestorCode} or lies below it. */
    boolean isWithin(String unitCode, String ancestorCode);

    Optional<String> operatorOf(String unitCode);

    /** True for the unit at the top of the network (the central library). */
    boolean isRoot(String unitCode);

    /** The codes of {@code rootCode} and every unit below it. */
    Set<String> subtree(String rootCode);
}
