package org.shuxiang.network;

/** Request bodies for units, written out as a client would write them. */
final class Units {

    private Units() {
    }

    static final String BRANCH_HOURS = """
            {"TUESDAY": [{"opens": "08:30", "closes": "11:30"}, {"opens": "14:00", "closes": "17:30"}],
             "SATURDAY": [{"opens": "09:00", "closes": "12:00"}]}""";

    static String unit(String code, String parent, String type, String hours) {
        return """
                {"code": "%s", "parentCode": %s, "type": "%s", "nameZh": "测试单位 %s", "nameEn": "Test unit %s",
                 "operatorCode": "SELF", "address": "安徽省铜陵市义安区五松镇测试路1号",
                 "latitude": 30.95, "longitude": 117.88,
                 "lends": true, "acceptsReturns": true, "pickupPoint": false, "staffed": true,
                 "openingHours": %s,
                 "closedPeriods": [{"firstDay": "2027-02-05", "lastDay": "2027-02-11", "reason": "春节"}]}"""
                .formatted(code, parent == null ? "null" : "\"" + parent + "\"", type, code, code, hours);
    }

    static String servicePoint(String code, String parent) {
        return unit(code, parent, "SERVICE_POINT", BRANCH_HOURS);
    }
}
