package org.shuxiang.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shuxiang.platform.database.EmbeddedPostgres;

/**
 * The invariants the database keeps, proved on two application nodes (the packaged jar, started twice)
 * sharing one PostgreSQL: thousands of concurrent checkouts, checkins, renewals, holds, captures and
 * receipts go to both nodes for a small set of readers and copies, so that the same reader and the same
 * copy are acted on from both nodes at once; one node is killed with SIGKILL part-way through.
 *
 * <p>Then: an item has at most one open loan and its status agrees with it; a reader's open loans never
 * exceed the limit; a copy fills at most one hold and a ready hold holds exactly the copy on its pickup
 * shelf; and every transaction a node acknowledged (a 2xx answer) is in the database as acknowledged,
 * those of the killed node included.
 *
 * <p>Runs in {@code ./mvnw verify} after the jar is packaged, against the PostgreSQL named by
 * SHUXIANG_DB_URL (in a database of its own), or an embedded one it starts.
 */
class TwoNodesIT {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final List<String> UNITS = List.of("TL-24H-01", "TL-24H-02", "YAQ-24H-01");
    private static final int TITLES = 24;
    private static final int COPIES_PER_TITLE = 3;
    private static final int READERS = 30;
    private static final int MAX_LOANS = 3;
    private static final int OPERATIONS = 5000;
    private static final int CLIENTS = 12;
    private static final Pattern LOAN_ID = Pattern.compile("\"loan\":\\{\"id\":(\\d+)");
    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+)");

    @TempDir
    static Path work;

    private static EmbeddedPostgres embedded;
    private static String dbUrl;
    private static String dbUser;
    private static String dbPassword;
    private static final List<Process> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void database() throws Exception {
        String external = System.getenv("SHUXIANG_DB_URL");
        if (external != null && !external.isBlank()) {
            dbUser = System.getenv().getOrDefault("SHUXIANG_DB_USER", "postgres");
            dbPassword = System.getenv().getOrDefault("SHUXIANG_DB_PASSWORD", "");
            try (Connection c = DriverManager.getConnection(external, dbUser, dbPassword);
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists shuxiang_two_nodes with (force)");
                s.execute("create database shuxiang_two_nodes");
            }
            dbUrl = external.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1shuxiang_two_nodes");
        } else {
            embedded = EmbeddedPostgres.start(work.resolve("postgres"),
                    Path.of(System.getProperty("java.io.tmpdir"), "shuxiang-postgres-binaries"), true, 0);
            dbUrl = embedded.jdbcUrl("shuxiang");
            dbUser = embedded.user();
            dbPassword = "";
        }
    }

    @AfterAll
    static void stop() {
        nodes.forEach(Process::destroyForcibly);
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void twoNodesKeepEveryInvariantUnderConcurrentCirculationAndLoseNothingAcknowledgedWhenOneIsKilled()
            throws Exception {
        String a = start("a", 18701, true);
        setUpReadersAndCopies();
        String adult = post(a, "/api/v1/circulation/rules", basic("demo-admin", "shuxiang-demo"), """
                {"cardType":"ADULT","loanDays":30,"renewals":1,"renewalDays":30,"maxLoans":%d,"maxHolds":5,
                 "dailyFeeCents":10,"feeCapCents":1000,"note":"two-node test"}""".formatted(MAX_LOANS)).body();
        assertThat(adult).contains("\"maxLoans\":" + MAX_LOANS);
        String token = apiKey(a);
        String b = start("b", 18702, false);
        Process nodeB = nodes.get(1);

        Acknowledged acked = new Acknowledged();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger serverErrorsOnA = new AtomicInteger();
        List<String> serverErrorSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> {
                Random random = new Random(client);
                while (true) {
                    int n = done.incrementAndGet();
                    if (n > OPERATIONS) {
                        return;
                    }
                    if (n == OPERATIONS * 2 / 5) {
                        nodeB.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful end of requests
                    }
                    boolean toB = random.nextBoolean() && nodeB.isAlive();
                    String node = toB ? b : a;
                    try {
                        HttpResponse<String> answer = operation(random, node, token, acked);
                        if (answer != null && answer.statusCode() >= 500 && !toB) {
                            serverErrorsOnA.incrementAndGet();
                            serverErrorSamples.add(answer.body());
                        }
                    } catch (IOException lost) {
                        if (!toB) {
                            serverErrorsOnA.incrementAndGet();
                            serverErrorSamples.add(lost.toString());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        assertThat(nodeB.isAlive()).isFalse();

        System.out.println("Two nodes, " + OPERATIONS + " transactions, node b killed after " + OPERATIONS * 2 / 5
                + "; answers: " + acked.outcomes);
        assertThat(serverErrorSamples).isEmpty();
        assertThat(serverErrorsOnA).hasValue(0);
        // the run did real work on both nodes, not just refusals
        assertThat(acked.checkouts.size()).isGreaterThan(100);
        assertThat(acked.checkins.size()).isGreaterThan(100);
        assertThat(acked.holds.size()).isGreaterThan(20);
        assertThat(acked.byB).hasPositiveValue();

        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            assertThat(rows(db, """
                    select item_id from loan where returned_at is null group by item_id having count(*) > 1"""))
                    .as("items with more than one open loan").isEmpty();
            assertThat(rows(db, """
                    select i.barcode from item i
                    where (i.status = 'ON_LOAN') <> exists (select 1 from loan l where l.item_id = i.id and l.returned_at is null)
                      and i.barcode like 'TN%'"""))
                    .as("items whose status disagrees with their loans").isEmpty();
            assertThat(rows(db, """
                    select reader_id from loan where returned_at is null group by reader_id having count(*) > %d"""
                    .formatted(MAX_LOANS)))
                    .as("readers over the loan limit").isEmpty();
            assertThat(rows(db, """
                    select target_item_id from hold where status in ('WAITING', 'IN_TRANSIT', 'READY')
                      and target_item_id is not null group by target_item_id having count(*) > 1"""))
                    .as("copies filling more than one hold").isEmpty();
            assertThat(rows(db, """
                    select h.id from hold h left join item i on i.id = h.target_item_id
                    where h.status = 'READY' and (i.id is null or i.status <> 'ON_HOLD_SHELF'
                                                  or i.current_unit <> h.pickup_unit)"""))
                    .as("ready holds without their copy on the pickup shelf").isEmpty();
            assertThat(rows(db, """
                    select i.barcode from item i where i.status = 'ON_HOLD_SHELF' and i.barcode like 'TN%'
                      and (select count(*) from hold h where h.target_item_id = i.id and h.status = 'READY') <> 1"""))
                    .as("copies on a hold shelf for no hold, or for several").isEmpty();
            assertThat(rows(db, """
                    select reader_id from hold where status in ('WAITING', 'IN_TRANSIT', 'READY')
                    group by reader_id, record_id having count(*) > 1"""))
                    .as("readers with two live holds on one title").isEmpty();

            Set<Long> loans = ids(db, "select id from loan");
            Set<Long> returned = ids(db, "select id from loan where returned_at is not null");
            Set<Long> holds = ids(db, "select id from hold");
            Set<Long> cancelled = ids(db, "select id from hold where status = 'CANCELLED'");
            assertThat(loans).as("acknowledged checkouts").containsAll(acked.checkouts);
            assertThat(returned).as("acknowledged checkins").containsAll(acked.checkins);
            assertThat(holds).as("acknowledged holds").containsAll(acked.holds);
            assertThat(cancelled).as("acknowledged cancellations").containsAll(acked.cancelled);
            Map<Long, Integer> renewals = new java.util.HashMap<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select id, renewals from loan")) {
                while (rs.next()) {
                    renewals.put(rs.getLong(1), rs.getInt(2));
                }
            }
            acked.renewed.forEach(id -> assertThat(renewals.get(id)).as("renewals of loan " + id).isPositive());
        }
    }

    /** What the nodes acknowledged; each entry must be found in the database afterwards. */
    private static final class Acknowledged {
        final Set<Long> checkouts = ConcurrentHashMap.newKeySet();
        final Set<Long> checkins = ConcurrentHashMap.newKeySet();
        final Set<Long> renewed = ConcurrentHashMap.newKeySet();
        final Set<Long> holds = ConcurrentHashMap.newKeySet();
        final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
        final List<Long> openLoans = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Long> liveHolds = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger byB = new AtomicInteger();
        final Map<String, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
    }

    /** One random desk or kiosk transaction on the small shared set of readers and copies. */
    private HttpResponse<String> operation(Random random, String node, String token, Acknowledged acked)
            throws IOException, InterruptedException {
        String auth = "Bearer " + token;
        String card = "TN%04d".formatted(1 + random.nextInt(READERS));
        String barcode = "TN-%03d".formatted(1 + random.nextInt(TITLES * COPIES_PER_TITLE));
        String unit = UNITS.get(random.nextInt(UNITS.size()));
        int roll = random.nextInt(100);
        HttpResponse<String> answer;
        if (roll < 30) {
            answer = post(node, "/api/v1/circulation/checkouts", auth, """
                    {"cardNumber":"%s","barcode":"%s","unit":"%s"}""".formatted(card, barcode, unit));
            if (answer.statusCode() == 201) {
                long id = id(LOAN_ID, answer.body());
                acked.checkouts.add(id);
                acked.openLoans.add(id);
            }
        } else if (roll < 55) {
            answer = post(node, "/api/v1/circulation/checkins", auth, """
                    {"barcode":"%s","unit":"%s"}""".formatted(barcode, unit));
            if (answer.statusCode() == 200) {
                long id = id(LOAN_ID, answer.body());
                acked.checkins.add(id);
                acked.openLoans.remove(id);
            }
        } else if (roll < 65) {
            List<Long> open = acked.openLoans;
            if (open.isEmpty()) {
                return null;
            }
            long loan = open.get(random.nextInt(open.size()));
            answer = post(node, "/api/v1/circulation/loans/" + loan + "/renewals", auth, "");
            if (answer.statusCode() == 200) {
                acked.renewed.add(loan);
            }
        } else if (roll < 75) {
            long record = recordIds.get(random.nextInt(recordIds.size()));
            answer = post(node, "/api/v1/holds", auth, """
                    {"cardNumber":"%s","recordId":%d,"pickupUnit":"%s"}""".formatted(card, record, unit));
            if (answer.statusCode() == 201) {
                long id = id(ID, answer.body());
                acked.holds.add(id);
                acked.liveHolds.add(id);
            }
        } else if (roll < 80) {
            List<Long> live = acked.liveHolds;
            if (live.isEmpty()) {
                return null;
            }
            long hold = live.get(random.nextInt(live.size()));
            answer = send(node, HttpRequest.newBuilder(URI.create(node + "/api/v1/holds/" + hold)).DELETE(), auth);
            if (answer.statusCode() == 200) {
                acked.cancelled.add(hold);
                acked.liveHolds.remove(hold);
            }
        } else if (roll < 90) {
            answer = post(node, "/api/v1/holds/captures", auth, """
                    {"barcode":"%s","unit":"%s"}""".formatted(barcode, unit));
        } else {
            answer = post(node, "/api/v1/circulation/receipts", auth, """
                    {"barcode":"%s","unit":"%s"}""".formatted(barcode, unit));
        }
        String kind = answer.request().uri().getPath().replaceAll("/\\d+", "/{id}");
        Matcher code = Pattern.compile("\"code\":\"([A-Z_]+)\"").matcher(answer.body());
        String refusal = answer.statusCode() >= 400 && code.find() ? " " + code.group(1) : "";
        acked.outcomes.computeIfAbsent(answer.request().method() + " " + kind + " " + answer.statusCode() + refusal,
                k -> new AtomicInteger()).incrementAndGet();
        if (answer.statusCode() < 300 && node.endsWith(":18702")) {
            acked.byB.incrementAndGet();
        }
        return answer;
    }

    private static final List<Long> recordIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Titles with three copies each at the 24-hour libraries, and adult readers on credit (in SQL). */
    private static void setUpReadersAndCopies() throws SQLException {
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword); Statement s = db.createStatement()) {
            for (int t = 1; t <= TITLES; t++) {
                try (ResultSet rs = s.executeQuery("""
                        insert into bib_record (flavour, leader, fields, title)
                        values ('CNMARC', '00000nam0 2200000   450 ', '[]', '双节点测试书 %d') returning id""".formatted(t))) {
                    rs.next();
                    long record = rs.getLong(1);
                    recordIds.add(record);
                    for (int c = 0; c < COPIES_PER_TITLE; c++) {
                        int n = (t - 1) * COPIES_PER_TITLE + c + 1;
                        String unit = UNITS.get(n % UNITS.size());
                        s.addBatch("""
                                insert into item (barcode, record_id, owning_unit, current_unit, item_type, status, call_number)
                                values ('TN-%03d', %d, '%s', '%s', 'BOOK', 'AVAILABLE', 'I247/%d')"""
                                .formatted(n, record, unit, unit, n));
                    }
                }
            }
            s.executeBatch();
            s.execute("""
                    insert into reader (name, identity_hash, home_unit, card_type, expires_on, registered_by, borrowing_basis)
                    select '双节点读者' || g, 'two-nodes-' || g, 'TL-24H-01', 'ADULT', current_date + 1000, 'test', 'CREDIT'
                    from generate_series(1, %d) g""".formatted(READERS));
            s.execute("""
                    insert into reader_card (card_number, reader_id)
                    select 'TN' || lpad(substr(identity_hash, 11), 4, '0'), id from reader where identity_hash like 'two-nodes-%'""");
        }
    }

    /** Starts the packaged jar as a node on the shared database and waits until it is healthy. */
    private static String start(String name, int port, boolean demo) throws Exception {
        Path jar = Path.of("target/shuxiang.jar");
        assertThat(jar).exists();
        // kept in target/ after the run: each node's log is there to read when an invariant fails
        Path dir = Path.of("target", "two-nodes", "node-" + name);
        if (Files.exists(dir.resolve("node.log"))) {
            Files.delete(dir.resolve("node.log"));
        }
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
                "--shuxiang.data-dir=" + dir.toAbsolutePath(), "--shuxiang.search.ephemeral=true",
                "--shuxiang.sip2.port=0", "--shuxiang.patrons.identity-key=" + KEY,
                "--logging.level.root=warn"));
        if (demo) {
            command.addAll(List.of("--demo", "--shuxiang.demo-catalogue=false"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("node.log").toFile());
        builder.environment().put("SHUXIANG_DB_URL", dbUrl);
        builder.environment().put("SHUXIANG_DB_USER", dbUser);
        builder.environment().put("SHUXIANG_DB_PASSWORD", dbPassword);
        Process node = builder.start();
        nodes.add(node);
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new AssertionError("node " + name + " exited: " + Files.readString(dir.resolve("node.log")));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.body().contains("\"UP\"")) {
                    return base;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("node " + name + " did not start: " + Files.readString(dir.resolve("node.log")));
    }

    private String apiKey(String node) throws Exception {
        HttpResponse<String> key = post(node, "/api/v1/api-keys", basic("demo-admin", "shuxiang-demo"), """
                {"name":"two-nodes","kind":"INTEGRATION","permissions":["CIRCULATE"]}""");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(key.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private HttpResponse<String> post(String node, String path, String auth, String json)
            throws IOException, InterruptedException {
        return send(node, HttpRequest.newBuilder(URI.create(node + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), auth);
    }

    private HttpResponse<String> send(String node, HttpRequest.Builder request, String auth)
            throws IOException, InterruptedException {
        return http.send(request.header("Authorization", auth).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    private static long id(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no id in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    private static List<String> rows(Connection db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static Set<Long> ids(Connection db, String sql) throws SQLException {
        Set<Long> ids = new java.util.HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
