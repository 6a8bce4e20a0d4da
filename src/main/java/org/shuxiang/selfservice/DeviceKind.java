package org.shuxiang.selfservice;

import java.util.EnumSet;
import java.util.Set;

import static org.shuxiang.selfservice.Capability.BLOCK;
import static org.shuxiang.selfservice.Capability.CHECK_IN;
import static org.shuxiang.selfservice.Capability.CHECK_OUT;
import static org.shuxiang.selfservice.Capability.COUNT;
import static org.shuxiang.selfservice.Capability.DOOR;
import static org.shuxiang.selfservice.Capability.HOLD;
import static org.shuxiang.selfservice.Capability.PATRON;
import static org.shuxiang.selfservice.Capability.PAY_FEES;
import static org.shuxiang.selfservice.Capability.REGISTER_READERS;
import static org.shuxiang.selfservice.Capability.RENEW;

/** The kinds of self-service device in the network, by the codes libraries use for them. */
public enum DeviceKind {
    /** 24-hour self-service library (24 小时自助图书馆): lends, returns, its door, its counter. */
    SSL(EnumSet.of(CHECK_OUT, CHECK_IN, RENEW, HOLD, PAY_FEES, PATRON, BLOCK, DOOR, COUNT)),
    /** Self-check kiosk (自助借还机). */
    SCH(EnumSet.of(CHECK_OUT, CHECK_IN, RENEW, HOLD, PAY_FEES, PATRON, BLOCK)),
    /** Card-issuing machine (自助办证机). */
    REG(EnumSet.of(PATRON, REGISTER_READERS)),
    /** Book drop (自助还书机): returns only. */
    BDR(EnumSet.of(CHECK_IN)),
    /** Staff station (馆员工作站) speaking SIP2 at a desk. */
    STA(EnumSet.of(CHECK_OUT, CHECK_IN, RENEW, HOLD, PAY_FEES, PATRON, BLOCK)),
    /** Security gate (门禁): doors and counts. */
    POR(EnumSet.of(DOOR, COUNT)),
    /** People counter (客流计数器). */
    COUNTER(EnumSet.of(COUNT));

    private final Set<Capability> capabilities;

    DeviceKind(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
