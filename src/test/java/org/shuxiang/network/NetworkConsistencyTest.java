package org.shuxiang.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.shuxiang.IntegrationTest;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.RefusedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tree stays whole under concurrent changes, and every node of a cluster sees each change. */
@IntegrationTest
class NetworkConsistencyTest {

    @Autowired
    ManagingOrgUnits managing;

    @Autowired
    OrgUnits units;

    @Autowired
    AccessControl access;

    @Autowired
    JdbcClient jdbc;

    private static OrgUnit unit(String code, String parent, UnitType type) {
        return new OrgUnit(code, parent, type, "并发测试 " + code, null, "SELF", null, null, null,
                new OrgUnit.Services(true, true, false, false), true, OpeningHours.closed(), List.of());
    }

    @Test
    void a_unit_never_ends_up_active_under_a_parent_deactivated_at_the_same_moment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String branch = "T-RACE-B" + round;
                String point = "T-RACE-SP" + round;
                access.asSystem("test", () -> {
                    managing.create(unit(branch, "ZYX", UnitType.BRANCH));
                    return managing.create(unit(point, "ZYX-B01", UnitType.SERVICE_POINT));
                });
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Void> move = CompletableFuture.runAsync(() -> quietly(start,
                        () -> managing.move(point, branch)), pool);
                CompletableFuture<Void> deactivate = CompletableFuture.runAsync(() -> quietly(start,
                        () -> managing.deactivate(branch)), pool);
                CompletableFuture.allOf(move, deactivate).join();

                Integer orphans = jdbc.sql("""
                                select count(*) from org_unit c join org_unit p on p.id = c.parent_id
                                where c.active and not p.active""")
                        .query(Integer.class).single();
                assertThat(orphans).as("round " + round).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void quietly(CyclicBarrier start, Runnable change) {
        access.asSystem("test", () -> {
            try {
                start.await();
                change.run();
            } catch (RefusedException refused) {
                // one of the two may be refused; that is the point
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    @Test
    void a_change_made_by_another_node_reaches_this_nodes_tree() throws Exception {
        // Another node writes through its own connection and notifies, as ManagingOrgUnits does.
        jdbc.sql("""
                insert into org_unit (code, parent_id, type, name_zh, operator_code, lends, accepts_returns,
                                      pickup_point, staffed)
                values ('T-OTHER-NODE', (select id from org_unit where code = 'YAQ-B01'), 'SERVICE_POINT',
                        '另一节点新建', 'SELF', true, true, false, false)""").update();
        jdbc.sql("select pg_notify('shuxiang_network', '')").query().singleRow();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!units.exists("T-OTHER-NODE") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(units.exists("T-OTHER-NODE")).isTrue();
        assertThat(units.isWithin("T-OTHER-NODE", "YAQ")).isTrue();
    }
}
