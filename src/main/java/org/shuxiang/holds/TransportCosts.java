package org.shuxiang.holds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.shuxiang.network.NetworkTree;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What it costs to bring a book from one unit to another. By default it is the distance between the
 * two units in the network tree (a book goes up to the common library and down again, as through the
 * distribution centre). The network's managers set other costs where the roads say otherwise, and
 * the table is kept in memory (read again at most every 30 s, and at once after a change here).
 */
@Service
public class TransportCosts {

    /** One cost that differs from the default. */
    public record Cost(String fromUnit, String toUnit, int cost) {
    }

    private static final long GOOD_FOR_NANOS = 30_000_000_000L;

    private final JdbcClient jdbc;
    private final OrgUnits units;
    private final AccessControl access;
    private final AuditLog audit;
    private volatile Map<String, Integer> costs;
    private volatile long readAt;

    TransportCosts(JdbcClient jdbc, OrgUnits units, AccessControl access, AuditLog audit) {
        this.jdbc = jdbc;
        this.units = units;
        this.access = access;
        this.audit = audit;
    }

    /** The cost of bringing a book from {@code from} to {@code to}. */
    public int cost(NetworkTree tree, String from, String to) {
        Integer set = table().get(from + "→" + to);
        return set != null ? set : Holds.distance(tree, from, to);
    }

    @Transactional(readOnly = true)
    public List<Cost> list() {
        access.requireSomewhere(Permission.NETWORK_READ);
        return jdbc.sql("select from_unit, to_unit, cost from transport_cost order by from_unit, to_unit")
                .query((rs, n) -> new Cost(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Sets the cost from one unit to another (whole-network managers); a negative cost is refused. */
    @Transactional
    public Cost set(Cost cost) {
        access.requireWholeNetwork(Permission.NETWORK_WRITE);
        NetworkTree tree = units.tree();
        if (cost.fromUnit() == null || !tree.contains(cost.fromUnit())) {
            throw RefusedException.onField("fromUnit", PlatformRefusal.UNKNOWN_UNIT, cost.fromUnit());
        }
        if (cost.toUnit() == null || !tree.contains(cost.toUnit()) || cost.toUnit().equals(cost.fromUnit())) {
            throw RefusedException.onField("toUnit", PlatformRefusal.UNKNOWN_UNIT, cost.toUnit());
        }
        if (cost.cost() < 0) {
            throw RefusedException.onField("cost", PlatformRefusal.VALIDATION_FAILED);
        }
        jdbc.sql("""
                        insert into transport_cost (from_unit, to_unit, cost, updated_by) values (:from, :to, :cost, :by)
                        on conflict (from_unit, to_unit) do update set cost = excluded.cost, updated_at = now(),
                            updated_by = excluded.updated_by""")
                .param("from", cost.fromUnit()).param("to", cost.toUnit()).param("cost", cost.cost())
                .param("by", access.currentActor().name()).update();
        costs = null;
        audit.record("TRANSPORT_COST_SET", "TRANSPORT_COST", cost.fromUnit() + "→" + cost.toUnit(), null,
                Map.of("cost", cost.cost()));
        return cost;
    }

    private Map<String, Integer> table() {
        Map<String, Integer> current = costs;
        if (current == null || System.nanoTime() - readAt > GOOD_FOR_NANOS) {
            Map<String, Integer> read = new HashMap<>();
            jdbc.sql("select from_unit, to_unit, cost from transport_cost")
                    .query(rs -> {
                        read.put(rs.getString(1) + "→" + rs.getString(2), rs.getInt(3));
                    });
            costs = read;
            readAt = System.nanoTime();
            current = read;
        }
        return current;
    }
}
