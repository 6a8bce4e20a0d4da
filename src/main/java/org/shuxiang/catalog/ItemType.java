package org.shuxiang.catalog;

/** What kind of copy an item is; the policy matrix of circulation keys on it. */
public enum ItemType {
    BOOK,
    /** 少儿图书 */
    CHILDRENS_BOOK,
    PERIODICAL,
    AUDIOVISUAL,
    /** 工具书: for use in the library, not for loan. */
    REFERENCE;

    public boolean loanable() {
        return this != REFERENCE;
    }
}
