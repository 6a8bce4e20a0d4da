import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Open model (--rate N): transactions are due at a constant rate whatever the answers do, and each
 * latency is measured from the moment the transaction was due to start, so a slow server is not
 * hidden by the driver waiting (no coordinated omission). --threads N workers (default 64) share the
 * schedule, each with its own connection. Closed model (--clients N): N clients send
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
        URI target = URI.create(base);
        // one keep-alive connection per worker thread, spoken to in plain HTTP/1.1: the driver shares the two
        // cores with the server and PostgreSQL, and java.net.http cost about 0.5 ms of CPU per transaction
        ThreadLocal<Connection> connections = new ThreadLocal<>();
        ConcurrentLinkedQueue<Loan> open = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Runnable[] transaction = new Runnable[1];
        long[][] latencies = new long[1][];
        AtomicLong recorded = new AtomicLong();
        latencies[0] = new long[10_000_000];
        boolean[] measuring = {false};
        // transactions over 30 ms by the second they were due in, counted from the driver's start: whether the
        // tail comes from stalls (a few seconds hold most of it) or from queueing all along
        long origin = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now();
        java.util.concurrent.atomic.AtomicIntegerArray slowBySecond = new java.util.concurrent.atomic.AtomicIntegerArray(7200);

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
                Response response = Connection.of(connections, target, token).post(path, body);
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
                    if (took > 30_000_000L) {
                        slowBySecond.incrementAndGet((int) Math.min(7199, (intended - origin) / 1_000_000_000L));
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
            // each worker owns one connection and every threads-th transaction of the schedule: it sleeps until
            // its next one is due and sends it then (no hand-off to a pool per transaction, which cost the
            // shared cores a wake-up of two threads each time); an answer that comes late delays the worker's
            // next sends, and their latency still counts from when they were due
            int threads = Integer.parseInt(o.getOrDefault("threads", "64"));
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime() + 100_000_000L;
            long total = (long) rate * (warmup + seconds);
            long firstMeasured = (long) rate * warmup;
            for (int t = 0; t < threads; t++) {
                int first = t;
                workers.execute(() -> {
                    for (long i = first; i < total; i += threads) {
                        long intended = start + i * period;
                        for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        if (i >= firstMeasured) {
                            measuring[0] = true;
                        }
                        run.accept(intended);
                    }
                });
            }
            workers.shutdown();
            workers.awaitTermination(warmup + seconds + 60, TimeUnit.SECONDS);
            report("open model, " + rate + " transactions/s offered", latencies[0], recorded.get(), seconds, outcomes);
            reportSlowSeconds(slowBySecond, startedAt);
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

    /** An answer: the status code and the body as text. */
    record Response(int statusCode, String body) {
    }

    /**
     * A keep-alive HTTP/1.1 connection of one worker thread: a request written in one go, the answer read
     * with its Content-Length or in chunks. Reopened when the server closes it or an error leaves it unusable.
     */
    static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String head;

        private Connection(URI target, String token) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 2048);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            head = " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort() + "\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ";
        }

        static Connection of(ThreadLocal<Connection> connections, URI target, String token) throws IOException {
            Connection c = connections.get();
            if (c == null || c.socket.isClosed()) {
                c = new Connection(target, token);
                connections.set(c);
            }
            return c;
        }

        Response post(String path, String body) throws IOException {
            try {
                byte[] content = body.getBytes(StandardCharsets.UTF_8);
                out.write(("POST " + path + head + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.flush();
                String status = line();
                int code = Integer.parseInt(status.substring(9, 12));
                int length = -1;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    String name = header.substring(0, colon).trim();
                    String value = header.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Integer.parseInt(value);
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        chunked = value.equalsIgnoreCase("chunked");
                    } else if (name.equalsIgnoreCase("Connection")) {
                        close = value.equalsIgnoreCase("close");
                    }
                }
                java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream(512);
                if (chunked) {
                    for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                         size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                        answer.write(in.readNBytes(size));
                        line();
                    }
                    while (!line().isEmpty()) {
                        // trailers
                    }
                } else if (length >= 0) {
                    answer.write(in.readNBytes(length));
                }
                if (close) {
                    socket.close();
                }
                return new Response(code, answer.toString(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
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

    /** The seconds that held the most transactions over 30 ms, and their share of all such transactions. */
    static void reportSlowSeconds(java.util.concurrent.atomic.AtomicIntegerArray slow, java.time.Instant startedAt) {
        List<int[]> seconds = new java.util.ArrayList<>();
        long all = 0;
        for (int i = 0; i < slow.length(); i++) {
            if (slow.get(i) > 0) {
                seconds.add(new int[] {i, slow.get(i)});
                all += slow.get(i);
            }
        }
        seconds.sort((a, b) -> b[1] - a[1]);
        StringBuilder worst = new StringBuilder();
        long inWorst = 0;
        for (int[] s : seconds.subList(0, Math.min(5, seconds.size()))) {
            worst.append(" t=").append(s[0]).append("s:").append(s[1]);
            inWorst += s[1];
        }
        System.out.printf("over 30 ms: %d transactions in %d seconds; the worst five seconds hold %d:%s"
                + " (t counts from %s, the warm-up's start)%n", all, seconds.size(), inWorst, worst,
                startedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
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
