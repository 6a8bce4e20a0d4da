package org.shuxiang.network;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The network's shape, held in memory and read on every scope check. A change reloads it after its
 * commit here, and a PostgreSQL notification ({@code LISTEN shuxiang_network}) reloads it on every
 * other node of a cluster.
 */
@Component
class NetworkTreeCache implements SmartLifecycle {

    static final String CHANNEL = "shuxiang_network";
    private static final Logger log = LoggerFactory.getLogger(NetworkTreeCache.class);

    private final OrgUnitRepository repository;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile NetworkTree tree;
    /** Units with their hours and closed days, read once and kept until the network changes. */
    private volatile java.util.concurrent.atomic.AtomicReference<List<OrgUnit>> activeUnits =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile java.util.concurrent.ConcurrentHashMap<String, OrgUnit> unitCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    NetworkTreeCache(OrgUnitRepository units, JdbcClient jdbc, DataSource dataSource) {
        this.repository = units;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    NetworkTree tree() {
        NetworkTree current = tree;
        if (current == null) {
            current = reload();
        }
        return current;
    }

    synchronized NetworkTree reload() {
        unitCache = new java.util.concurrent.ConcurrentHashMap<>();
        activeUnits = new java.util.concurrent.atomic.AtomicReference<>();
        tree = new NetworkTree(repository.treeNodes());
        return tree;
    }

    /** Every active unit, as last read or read now; forgotten with the units when the network changes. */
    List<OrgUnit> active() {
        java.util.concurrent.atomic.AtomicReference<List<OrgUnit>> holder = activeUnits;
        List<OrgUnit> known = holder.get();
        if (known == null) {
            known = List.copyOf(repository.list(null, null, true));
            holder.set(known); // a reload meanwhile replaced the holder: this list is dropped with it
        }
        return known;
    }

    /** The unit as last read, or read now; forgotten whenever the network changes (here or on another node). */
    java.util.Optional<OrgUnit> unit(String code) {
        OrgUnit known = unitCache.get(code);
        if (known != null) {
            return java.util.Optional.of(known);
        }
        java.util.concurrent.ConcurrentHashMap<String, OrgUnit> cache = unitCache;
        java.util.Optional<OrgUnit> read = repository.find(code);
        read.ifPresent(unit -> cache.put(code, unit));
        return read;
    }

    /** Within a transaction that changed the network: reload after commit, and tell the other nodes. */
    void changed() {
        jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query().singleRow();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reload();
                }
            });
        } else {
            reload();
        }
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "network-tree-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                reload();
                PGConnection pg = connection.unwrap(PGConnection.class);
                try {
                    while (running) {
                        PGNotification[] notifications = pg.getNotifications(1_000);
                        if (notifications != null && notifications.length > 0) {
                            reload();
                        }
                    }
                } finally {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("unlisten " + CHANNEL);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for network changes failed ({}); retrying", e.toString());
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
