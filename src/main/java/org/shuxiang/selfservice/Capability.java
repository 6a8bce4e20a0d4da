package org.shuxiang.selfservice;

/** What a device may do; its kind says which (a book drop checks in, and nothing else). */
public enum Capability {
    /** Lend items (SIP2 11). */
    CHECK_OUT,
    /** Take returns (SIP2 09). */
    CHECK_IN,
    /** Renew loans (SIP2 29, 65). */
    RENEW,
    /** Place and cancel holds (SIP2 15). */
    HOLD,
    /** Take fee payments (SIP2 37). */
    PAY_FEES,
    /** Look up a reader by card (SIP2 23, 63, 35). */
    PATRON,
    /** Block and re-enable cards (SIP2 01, 25). */
    BLOCK,
    /** Register new readers and issue their cards (device API). */
    REGISTER_READERS,
    /** Decide at a door whether a card may enter (device API). */
    DOOR,
    /** Post people counts (device API). */
    COUNT
}
