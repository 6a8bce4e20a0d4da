package org.shuxiang.network;

/** Who runs a unit: the library itself, an outsourcing company, or a social partner. */
public record Operator(String code, Kind kind, String nameZh, String nameEn) {

    public enum Kind { LIBRARY, OUTSOURCING_COMPANY, SOCIAL_PARTNER }
}
