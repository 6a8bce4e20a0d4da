package org.shuxiang.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shuxiang.network.Units.BRANCH_HOURS;
import static org.shuxiang.network.Units.servicePoint;
import static org.shuxiang.network.Units.unit;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.shuxiang.Api;
import org.shuxiang.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** The organisation tree through its REST API: what it accepts, and what it refuses without changing. */
@IntegrationTest
class OrgUnitApiTest {

    @Autowired
    Api api;

    private String tree() throws Exception {
        return api.as("demo-admin").get("/api/v1/org-units/TLLIB/subtree")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void a_manager_creates_a_service_point_under_a_branch_and_it_is_in_the_tree() throws Exception {
        api.as("demo-central").post("/api/v1/org-units", servicePoint("T-CREATE-SP", "YAQ-B02"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/org-units/T-CREATE-SP"))
                .andExpect(jsonPath("$.parentCode").value("YAQ-B02"))
                .andExpect(jsonPath("$.openingHours.TUESDAY[1].opens").value("14:00"))
                .andExpect(jsonPath("$.closedPeriods[0].reason").value("春节"));
        api.as("demo-central").get("/api/v1/org-units?subtree=YAQ-B02&type=SERVICE_POINT")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", Matchers.hasItem("T-CREATE-SP")))
                .andExpect(jsonPath("$[*].type", Matchers.everyItem(Matchers.is("SERVICE_POINT"))));
    }

    @Autowired
    OrgUnits units;

    @Test
    void the_active_units_kept_in_memory_take_in_a_new_unit_once_it_is_created() throws Exception {
        int before = units.active().size();
        org.assertj.core.api.Assertions.assertThat(units.active()).extracting(OrgUnit::code)
                .doesNotContain("T-ACTIVE-SP");
        api.as("demo-central").post("/api/v1/org-units", servicePoint("T-ACTIVE-SP", "YAQ-B02"))
                .andExpect(status().isCreated());
        org.assertj.core.api.Assertions.assertThat(units.active()).extracting(OrgUnit::code)
                .contains("T-ACTIVE-SP").hasSize(before + 1);
    }

    @Test
    void a_move_that_would_make_a_cycle_is_refused_and_changes_nothing() throws Exception {
        String before = tree();
        api.as("demo-admin").post("/api/v1/org-units/YAQ/move", "{\"parentCode\": \"YAQ-B01\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("MOVE_WOULD_CREATE_CYCLE"))
                .andExpect(jsonPath("$.errors[0].field").value("parentCode"));
        api.as("demo-admin").post("/api/v1/org-units/YAQ/move", "{\"parentCode\": \"YAQ\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("MOVE_WOULD_CREATE_CYCLE"));
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void a_unit_under_an_unknown_parent_is_refused_and_not_created() throws Exception {
        String before = tree();
        api.as("demo-admin").post("/api/v1/org-units", servicePoint("T-ORPHAN", "NO-SUCH-UNIT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("PARENT_NOT_FOUND"))
                .andExpect(jsonPath("$.errors[0].field").value("parentCode"));
        api.as("demo-admin").get("/api/v1/org-units/T-ORPHAN")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNIT_NOT_FOUND"));
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void a_duplicate_code_is_refused_and_the_existing_unit_is_untouched() throws Exception {
        String before = tree();
        api.as("demo-admin").post("/api/v1/org-units", servicePoint("YAQ-B01", "YAQ"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DUPLICATE_UNIT_CODE"))
                .andExpect(jsonPath("$.errors[0].field").value("code"));
        api.as("demo-admin").get("/api/v1/org-units/YAQ-B01")
                .andExpect(jsonPath("$.nameZh").value("义安区五松镇分馆"))
                .andExpect(jsonPath("$.type").value("BRANCH"));
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void a_central_library_cannot_be_placed_under_a_branch() throws Exception {
        String before = tree();
        api.as("demo-admin").post("/api/v1/org-units", unit("T-CENTRAL", "YAQ-B01", "CENTRAL_LIBRARY", "{}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("TYPE_NOT_ALLOWED_UNDER_PARENT"));
        api.as("demo-admin").post("/api/v1/org-units", unit("T-BRANCH", "YAQ-B01", "BRANCH", "{}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("TYPE_NOT_ALLOWED_UNDER_PARENT"));
        api.as("demo-admin").post("/api/v1/org-units", unit("T-ROOT", null, "CENTRAL_LIBRARY", "{}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NETWORK_ALREADY_HAS_ROOT"));
        api.as("demo-admin").post("/api/v1/org-units/YAQ-B01/move", "{\"parentCode\": \"ZYX-B01\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("TYPE_NOT_ALLOWED_UNDER_PARENT"));
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void opening_hours_that_close_before_they_open_are_refused() throws Exception {
        String reversed = "{\"MONDAY\": [{\"opens\": \"17:00\", \"closes\": \"09:00\"}]}";
        api.as("demo-admin").post("/api/v1/org-units", unit("T-BADHOURS", "YAQ-B01", "SERVICE_POINT", reversed))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_TIME_RANGE"))
                .andExpect(jsonPath("$.errors[0].field").value("openingHours"));
        String overlapping = "{\"MONDAY\": [{\"opens\": \"09:00\", \"closes\": \"12:00\"},"
                + " {\"opens\": \"11:00\", \"closes\": \"15:00\"}]}";
        api.as("demo-admin").post("/api/v1/org-units", unit("T-BADHOURS", "YAQ-B01", "SERVICE_POINT", overlapping))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("OVERLAPPING_TIME_RANGES"));
        api.as("demo-admin").get("/api/v1/org-units/T-BADHOURS").andExpect(status().isNotFound());
    }

    @Test
    void a_time_that_is_no_time_is_refused_naming_its_field() throws Exception {
        String impossible = "{\"MONDAY\": [{\"opens\": \"25:00\", \"closes\": \"26:00\"}]}";
        api.as("demo-admin").post("/api/v1/org-units", unit("T-NOTIME", "YAQ-B01", "SERVICE_POINT", impossible))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.hasItem("openingHours[MONDAY][0].opens")));
    }

    @Test
    void an_update_with_bad_hours_leaves_the_unit_as_it_was() throws Exception {
        String before = api.as("demo-admin").get("/api/v1/org-units/YAQ-B03").andReturn().getResponse()
                .getContentAsString();
        String reversed = "{\"MONDAY\": [{\"opens\": \"17:00\", \"closes\": \"09:00\"}]}";
        api.as("demo-admin").put("/api/v1/org-units/YAQ-B03", unit("YAQ-B03", "YAQ", "BRANCH", reversed))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_TIME_RANGE"));
        assertThat(api.as("demo-admin").get("/api/v1/org-units/YAQ-B03").andReturn().getResponse()
                .getContentAsString()).isEqualTo(before);
    }

    @Test
    void missing_and_malformed_fields_are_named_in_the_problem() throws Exception {
        api.as("demo-admin").post("/api/v1/org-units", """
                        {"code": "T-INCOMPLETE", "parentCode": "YAQ", "type": "BRANCH", "operatorCode": "SELF",
                         "lends": true, "acceptsReturns": true, "pickupPoint": true, "staffed": true,
                         "latitude": 95}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.hasItems("nameZh", "latitude")));
        api.as("demo-admin").post("/api/v1/org-units", "{\"code\": \"T-X\", \"type\": \"LIBRARY\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        api.as("demo-admin").post("/api/v1/org-units", "{not json")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        api.as("demo-admin").post("/api/v1/org-units",
                        unit("T-NOOPERATOR", "YAQ", "BRANCH", "{}").replace("\"SELF\"", "\"NOBODY\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("OPERATOR_NOT_FOUND"))
                .andExpect(jsonPath("$.errors[0].field").value("operatorCode"));
    }

    @Test
    void a_service_point_moves_to_another_branch() throws Exception {
        api.as("demo-admin").post("/api/v1/org-units", servicePoint("T-MOVER", "YAQ-B01"))
                .andExpect(status().isCreated());
        api.as("demo-admin").post("/api/v1/org-units/T-MOVER/move", "{\"parentCode\": \"YAQ-B04\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.parentCode").value("YAQ-B04"));
        api.as("demo-admin").get("/api/v1/org-units/YAQ-B04/subtree")
                .andExpect(jsonPath("$.children[*].code", Matchers.hasItem("T-MOVER")));
        api.as("demo-admin").get("/api/v1/audit?targetId=T-MOVER&action=ORG_UNIT_MOVED")
                .andExpect(jsonPath("$.events[0].details.from").value("YAQ-B01"))
                .andExpect(jsonPath("$.events[0].details.to").value("YAQ-B04"));
    }

    @Test
    void a_unit_with_active_units_beneath_it_cannot_be_deactivated_but_a_leaf_can() throws Exception {
        api.as("demo-admin").post("/api/v1/org-units/YAQ-B01/deactivate", null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("UNIT_HAS_ACTIVE_CHILDREN"));
        api.as("demo-admin").post("/api/v1/org-units", servicePoint("T-RETIRED", "YAQ-B01"))
                .andExpect(status().isCreated());
        api.as("demo-admin").post("/api/v1/org-units/T-RETIRED/deactivate", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false));
        api.as("demo-admin").get("/api/v1/org-units?subtree=YAQ-B01&active=false")
                .andExpect(jsonPath("$[*].code", Matchers.contains("T-RETIRED")));
        api.as("demo-admin").post("/api/v1/org-units/T-RETIRED/reactivate", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(true));
    }

    @Test
    void nothing_new_can_be_placed_under_a_deactivated_unit() throws Exception {
        api.as("demo-admin").post("/api/v1/org-units", unit("T-CLOSED-B", "ZYX", "BRANCH", BRANCH_HOURS))
                .andExpect(status().isCreated());
        api.as("demo-admin").post("/api/v1/org-units/T-CLOSED-B/deactivate", null).andExpect(status().isOk());
        api.as("demo-admin").post("/api/v1/org-units", servicePoint("T-UNDER-CLOSED", "T-CLOSED-B"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("PARENT_INACTIVE"));
    }

    @Test
    void the_calendar_says_whether_a_unit_is_open_and_when_it_next_opens() throws Exception {
        // YAQ-B01 keeps branch hours: closed on Mondays, open Tuesday 08:30–11:30 and 14:00–17:30 (Beijing time)
        api.as("demo-desk").get("/api/v1/org-units/YAQ-B01/calendar?at=2026-12-01T02:00:00Z&from=2026-11-30")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openAt").value(true))
                .andExpect(jsonPath("$.nextOpenDay").value("2026-12-01"));
        api.as("demo-desk").get("/api/v1/org-units/YAQ-B01/calendar?at=2026-12-01T04:30:00Z&from=2027-02-05")
                .andExpect(jsonPath("$.openAt").value(false))
                .andExpect(jsonPath("$.nextOpenDay").value("2027-02-12"));
        api.as("demo-desk").get("/api/v1/org-units/TL-24H-01/calendar?at=2026-11-30T17:00:00Z")
                .andExpect(jsonPath("$.openAt").value(true));
    }

    @Test
    void the_tree_lists_by_type_and_answers_subtrees() throws Exception {
        api.as("demo-desk").get("/api/v1/org-units?type=MAIN_LIBRARY")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", Matchers.containsInAnyOrder("JQ", "TGQ", "YAQ", "ZYX")));
        api.as("demo-desk").get("/api/v1/org-units/TLLIB/subtree")
                .andExpect(jsonPath("$.type").value("CENTRAL_LIBRARY"))
                .andExpect(jsonPath("$.children[*].code", Matchers.hasItems("JQ", "TGQ", "YAQ", "ZYX")));
        api.as("demo-desk").get("/api/v1/org-units?subtree=NOWHERE")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNIT_NOT_FOUND"));
        api.as("demo-desk").get("/api/v1/operators")
                .andExpect(jsonPath("$[*].code", Matchers.hasItems("SELF", "OP-WENYUE")));
    }
}
