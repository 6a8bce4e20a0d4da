import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for circulation: a mix of checkouts (50%), checkins (40%) and renewals (10%) over HTTP.
 *
 * Open model (--rate N): transactions start at a constant rate whatever the answers do, and each
 * latency is measured from the moment the transaction was due to start, so a slow server is not
 * hidden by the driver waiting (no coordinated omission). Closed model (--clients N): N clients send
 * back to back, for peak throughput.
 *
 * Input: a file of "card<TAB>barcode<TAB>unit" lines (readers and items on the shelf at lending units),
 * or with --checkins a file of "barcode<TAB>unit" lines: items on loan, checked in one after another.
 * Usage: java bench/CirculationDriver.java --base URL --token T (--pairs FILE | --checkins FILE)
 *        (--rate N | --clients N) --seconds S [--warmup S]
 */
public class CirculationDriver {

    record Pair(String card, String barcode, String unit) {
    }

    record Loan(long id, String barcode, String unit) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = o.get("base");
        String token = o.get("token");
        List<Pair> pairs = new ArrayList<>();
        for (String line : o.containsKey("pairs") ? Files.readAllLines(Path.of(o.get("pairs"))) : List.<String>of()) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                pairs.add(new Pair(f[0], f[1], f[2]));
            }
        }
        // --checkins FILE: only checkins, of the "barcode<TAB>unit" lines of FILE in order (items already on loan)
        List<String[]> checkins = o.containsKey("checkins")
                ? Files.readAllLines(Path.of(o.get("checkins"))).stream().map(l -> l.split("\t")).filter(f -> f.length == 2)
                        .toList()
                : null;
        AtomicInteger nextCheckin = new AtomicInteger();
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        ConcurrentLinkedQueue<Loan> open = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Runnable[] transaction = new Runnable[1];
        long[][] latencies = new long[1][];
        AtomicLong recorded = new AtomicLong();
        latencies[0] = new long[10_000_000];
        boolean[] measuring = {false};

        // one transaction, timed from its intended start
        java.util.function.LongConsumer run = intended -> {
            Random random = new Random();
            int roll = random.nextInt(100);
            String path;
            String body;
            Loan loan = null;
            if (checkins != null) {
                String[] c = checkins.get(Math.min(nextCheckin.getAndIncrement(), checkins.size() - 1));
                path = "/api/v1/circulation/checkins";
                body = "{\"barcode\":\"" + c[0] + "\",\"unit\":\"" + c[1] + "\"}";
            } else if (roll < 40 && (loan = open.poll()) != null) {
                path = "/api/v1/circulation/checkins";
                body = "{\"barcode\":\"" + loan.barcode() + "\",\"unit\":\"" + loan.unit() + "\"}";
            } else if (roll < 50 && (loan = open.peek()) != null) {
                path = "/api/v1/circulation/loans/" + loan.id() + "/renewals";
                body = "";
                loan = null;
            } else {
                Pair p = pairs.get(Math.floorMod(next.getAndIncrement(), pairs.size()));
                path = "/api/v1/circulation/checkouts";
                body = "{\"cardNumber\":\"" + p.card() + "\",\"barcode\":\"" + p.barcode() + "\",\"unit\":\"" + p.unit()
                        + "\"}";
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - intended;
                String kind = path.contains("checkouts") ? "checkout" : path.contains("checkins") ? "checkin" : "renew";
                String code = response.statusCode() / 100 == 2 ? "ok" : group(CODE, response.body());
                if (measuring[0]) {
                    outcomes.computeIfAbsent(kind + " " + response.statusCode() + " " + code, k -> new AtomicInteger())
                            .incrementAndGet();
                    long at = recorded.getAndIncrement();
                    if (at < latencies[0].length) {
                        latencies[0][(int) at] = took;
                    }
                }
                if (kind.equals("checkout") && response.statusCode() == 201) {
                    String b = response.body();
                    long id = Long.parseLong(group(LOAN_ID, b));
                    String barcode = group(BARCODE, b);
                    String unit = group(LENDING_UNIT, b);
                    open.add(new Loan(id, barcode, unit));
                }
            } catch (Exception e) {
                if (measuring[0]) {
                    outcomes.computeIfAbsent("error " + e.getClass().getSimpleName(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }
        };

        if (o.containsKey("rate")) {
            int rate = Integer.parseInt(o.get("rate"));
            ExecutorService workers = Executors.newFixedThreadPool(Integer.parseInt(o.getOrDefault("threads", "200")));
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long total = (long) rate * (warmup + seconds);
            for (long i = 0; i < total; i++) {
                long intended = start + i * period;
                if (i == (long) rate * warmup) {
                    measuring[0] = true;
                }
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                workers.execute(() -> run.accept(intended));
            }
            workers.shutdown();
            workers.awaitTermination(60, TimeUnit.SECONDS);
            report("open model, " + rate + " transactions/s offered", latencies[0], recorded.get(), seconds, outcomes);
        } else {
            int clients = Integer.parseInt(o.getOrDefault("clients", "64"));
            ExecutorService workers = Executors.newFixedThreadPool(clients);
            long end = System.nanoTime() + (warmup + seconds) * 1_000_000_000L;
            long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
            for (int c = 0; c < clients; c++) {
                workers.execute(() -> {
                    while (System.nanoTime() < end) {
                        if (!measuring[0] && System.nanoTime() >= measureFrom) {
                            measuring[0] = true;
                        }
                        run.accept(System.nanoTime());
                    }
                });
            }
            workers.shutdown();
            workers.awaitTermination(warmup + seconds + 60, TimeUnit.SECONDS);
            report("closed model, " + clients + " clients back to back", latencies[0], recorded.get(), seconds, outcomes);
        }
        System.exit(0);
    }

    // compiled once: the driver shares the two cores with the server, and must cost it little
    static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\"code\":\"([A-Z_]+)\"");
    static final java.util.regex.Pattern LOAN_ID = java.util.regex.Pattern.compile("\"loan\":\\{\"id\":(\\d+)");
    static final java.util.regex.Pattern BARCODE = java.util.regex.Pattern.compile("\"barcode\":\"([^\"]+)\"");
    static final java.util.regex.Pattern LENDING_UNIT = java.util.regex.Pattern.compile("\"lendingUnit\":\"([^\"]+)\"");

    static String group(java.util.regex.Pattern pattern, String body) {
        java.util.regex.Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : "?";
    }

    static void report(String what, long[] all, long count, int seconds, Map<String, AtomicInteger> outcomes) {
        long[] l = Arrays.copyOf(all, (int) Math.min(count, all.length));
        Arrays.sort(l);
        System.out.printf("%s: %d transactions in %d s = %.0f/s%n", what, l.length, seconds, l.length / (double) seconds);
        if (l.length > 0) {
            System.out.printf("latency ms p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", l[l.length / 2] / 1e6,
                    l[(int) (l.length * 0.95)] / 1e6, l[(int) (l.length * 0.99)] / 1e6, l[l.length - 1] / 1e6);
        }
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println("  " + e.getKey() + ": " + e.getValue()));
    }
}
