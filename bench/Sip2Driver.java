import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver for the SIP2 server: many kiosk connections held open at once, each a machine at a
 * lending unit running the sessions a reader makes there. A borrowing session is patron information
 * (63), two checkouts (11) and end session (35); the return session that follows is two checkins (09)
 * of the same books. Each kiosk takes its readers and books in turn from its own share. Between messages the kiosk pauses as a person does (uniform around a mean set so
 * that all kiosks together offer --rate messages per second).
 *
 * Each message is due at a time fixed in advance (the previous one's due time plus the pause), and its
 * latency is measured from that time, not from when it was sent: a slow server is not hidden by the
 * kiosk waiting for it (no coordinated omission). A kiosk whose answer comes late sends the next
 * message at once, as it is already due.
 *
 * Input: "card<TAB>barcode<TAB>unit" lines (a reader and an item on the shelf at a lending unit), and
 * "login<TAB>password<TAB>unit" lines for the machine accounts, one per unit.
 * Usage: java bench/Sip2Driver.java --host H --port P --pairs FILE --accounts FILE --connections N
 *        --rate MSG_PER_S --seconds S [--warmup S] [--report S]
 */
public class Sip2Driver {

    record Pair(String card, String barcode, String unit) {
    }

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'    'HHmmss");
    static final String[] KINDS = {"63", "11", "09", "35"};

    static volatile boolean measuring;
    static final AtomicBoolean stop = new AtomicBoolean();
    static final Map<String, Histogram> window = new ConcurrentHashMap<>();
    static final Map<String, Histogram> total = new ConcurrentHashMap<>();
    /** From the moment a message is written to its answer: the round trip alone, without the kiosk's lateness. */
    static final Map<String, Histogram> roundTrips = new ConcurrentHashMap<>();
    static final AtomicLong refused = new AtomicLong();
    static final AtomicLong errors = new AtomicLong();
    static final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String host = o.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(o.get("port"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "1000"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "2000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "30"));
        int report = Integer.parseInt(o.getOrDefault("report", "10"));

        Map<String, String[]> accounts = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(o.get("accounts")))) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                accounts.put(f[2], f);
            }
        }
        Map<String, List<Pair>> byUnit = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(o.get("pairs")))) {
            String[] f = line.split("\t");
            if (f.length == 3 && accounts.containsKey(f[2])) {
                byUnit.computeIfAbsent(f[2], k -> new ArrayList<>()).add(new Pair(f[0], f[1], f[2]));
            }
        }
        List<String> units = new ArrayList<>(byUnit.keySet());
        // each kiosk: readers and books of its own at one unit (up to 100 of each, none shared with another
        // kiosk), taken in turn, so that no book is lent again and again as no kiosk's would be
        int perUnit = (connections + units.size() - 1) / units.size();
        List<Kiosk> kiosks = new ArrayList<>();
        double meanPauseNanos = connections / rate * 1e9;
        for (int k = 0; k < connections; k++) {
            String unit = units.get(k % units.size());
            List<Pair> pairs = byUnit.get(unit);
            int share = Math.min(100, pairs.size() / perUnit) & ~1;
            if (share < 2) {
                throw new IllegalStateException("not enough items at " + unit + " for " + connections + " kiosks");
            }
            List<Pair> mine = pairs.subList((k / units.size()) * share, (k / units.size() + 1) * share);
            kiosks.add(new Kiosk(k, host, port, accounts.get(unit), mine, meanPauseNanos));
        }
        System.out.printf("%d kiosks at %d units, mean pause %.0f ms, offered %.0f messages/s%n", connections,
                Math.min(units.size(), connections), meanPauseNanos / 1e6, rate);

        CountDownLatch connected = new CountDownLatch(connections);
        long start = System.nanoTime();
        // connections and logins spread over the first part of the warm-up, as kiosks come on in the morning
        long spread = Math.max(1, warmup / 3) * 1_000_000_000L;
        for (Kiosk kiosk : kiosks) {
            kiosk.begin = start + spread * kiosk.index / connections;
            Thread t = new Thread(null, () -> kiosk.run(connected), "kiosk-" + kiosk.index, 128 * 1024);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(warmup * 1000L);
        System.out.printf("connected: %d of %d%n", connections - connected.getCount(), connections);
        window.clear();
        total.clear();
        roundTrips.clear();
        refused.set(0);
        errors.set(0);
        measuring = true;
        long measureStart = System.nanoTime();
        for (int s = report; s <= seconds; s += report) {
            Thread.sleep(report * 1000L);
            Map<String, Histogram> w = new HashMap<>(window);
            window.clear();
            long messages = w.values().stream().mapToLong(h -> h.count).sum();
            Histogram out = w.getOrDefault("11", new Histogram());
            System.out.printf("t=%3ds  %6.0f msg/s  checkout p50 %5.1f p99 %5.1f ms  all p99 %5.1f ms  open %d%n", s,
                    messages / (double) report, out.percentile(50), out.percentile(99),
                    merge(w.values()).percentile(99), Kiosk.open.get());
        }
        measuring = false;
        double elapsed = (System.nanoTime() - measureStart) / 1e9;
        stop.set(true);
        long messages = total.values().stream().mapToLong(h -> h.count).sum();
        System.out.printf("== %d kiosks, %.0f s: %d messages, %.0f messages/s (offered %.0f)%n", connections, elapsed,
                messages, messages / elapsed, rate);
        for (String kind : KINDS) {
            Histogram h = total.getOrDefault(kind, new Histogram());
            System.out.printf("  %s  n=%7d  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms%n", kind, h.count,
                    h.percentile(50), h.percentile(95), h.percentile(99), h.max / 1e6);
        }
        for (String kind : KINDS) {
            Histogram h = roundTrips.getOrDefault(kind, new Histogram());
            System.out.printf("  %s  round trip alone (sent to answered):  p50 %6.1f  p95 %6.1f  p99 %6.1f ms%n", kind,
                    h.percentile(50), h.percentile(95), h.percentile(99));
        }
        Histogram all = merge(total.values());
        System.out.printf("  all n=%7d  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms%n", all.count, all.percentile(50),
                all.percentile(95), all.percentile(99), all.max / 1e6);
        System.out.printf("  refused answers: %d, connection errors: %d, connections open at the end: %d%n",
                refused.get(), errors.get(), Kiosk.open.get());
        samples.stream().limit(5).forEach(s -> System.out.println("  sample refusal: " + s));
    }

    static Histogram merge(java.util.Collection<Histogram> hs) {
        Histogram all = new Histogram();
        hs.forEach(all::add);
        return all;
    }

    /** One kiosk: its connection, its reader and two books, its schedule. */
    static final class Kiosk {
        static final AtomicInteger open = new AtomicInteger();
        final int index;
        final String host;
        final int port;
        final String[] account;
        final List<Pair> mine;
        final double meanPause;
        final Random random;
        long begin;
        long due;
        Socket socket;
        OutputStream out;
        InputStream in;

        Kiosk(int index, String host, int port, String[] account, List<Pair> mine, double meanPause) {
            this.index = index;
            this.host = host;
            this.port = port;
            this.account = account;
            this.mine = mine;
            this.meanPause = meanPause;
            this.random = new Random(index);
        }

        void run(CountDownLatch connected) {
            try {
                sleepUntil(begin);
                connect();
                connected.countDown();
                due = System.nanoTime() + (long) (random.nextDouble() * meanPause);
                String unit = account[2];
                int turn = 0;
                while (!stop.get()) {
                    String card = mine.get(turn % mine.size()).card();
                    String[] books = {mine.get(turn % mine.size()).barcode(), mine.get((turn + 1) % mine.size()).barcode()};
                    turn += 2;
                    String now = LocalDateTime.now().format(DATE);
                    say("63", "63000" + now + "          AO" + unit + "|AA" + card + "|", "64");
                    for (String book : books) {
                        say("11", "11YN" + now + now + "AO" + unit + "|AA" + card + "|AB" + book + "|AC|", "121");
                    }
                    say("35", "35" + now + "AO" + unit + "|AA" + card + "|", "36Y");
                    for (String book : books) {
                        say("09", "09N" + now + now + "AP" + unit + "|AO" + unit + "|AB" + book + "|AC|", "101");
                    }
                }
            } catch (IOException | InterruptedException e) {
                errors.incrementAndGet();
                if (samples.size() < 5) {
                    samples.add("kiosk " + index + ": " + e);
                }
            } finally {
                if (socket != null) {
                    open.decrementAndGet();
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }

        void connect() throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 4096);
            open.incrementAndGet();
            String answer = exchange("9300CN" + account[0] + "|CO" + account[1] + "|CP" + account[2] + "|");
            if (!answer.equals("941")) {
                throw new IOException("login refused: " + answer);
            }
        }

        /** Waits for the message's due time, sends it, and records its latency from that time. */
        void say(String kind, String message, String expected) throws IOException, InterruptedException {
            sleepUntil(due);
            long sent = System.nanoTime();
            String answer = exchange(message);
            long answered = System.nanoTime();
            long latency = answered - due;
            if (measuring) {
                window.computeIfAbsent(kind, k -> new Histogram()).record(latency);
                total.computeIfAbsent(kind, k -> new Histogram()).record(latency);
                roundTrips.computeIfAbsent(kind, k -> new Histogram()).record(answered - sent);
                if (!answer.startsWith(expected)) {
                    refused.incrementAndGet();
                    if (samples.size() < 5) {
                        samples.add(answer);
                    }
                }
            }
            due += (long) (meanPause * (0.5 + random.nextDouble()));
        }

        String exchange(String message) throws IOException {
            out.write((message + "\r").getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream(256);
            int b;
            while ((b = in.read()) != -1 && b != '\r') {
                answer.write(b);
            }
            if (b == -1) {
                throw new IOException("connection closed by the server");
            }
            return answer.toString(StandardCharsets.UTF_8);
        }

        static void sleepUntil(long at) throws InterruptedException {
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    /** Latencies in buckets of 0.1 ms up to 10 s: enough for percentiles; many threads record into one. */
    static final class Histogram {
        final long[] buckets = new long[100_001];
        long count;
        long max;

        synchronized void record(long nanos) {
            buckets[(int) Math.min(nanos / 100_000, buckets.length - 1)]++;
            count++;
            max = Math.max(max, nanos);
        }

        void add(Histogram other) {
            synchronized (other) {
                synchronized (this) {
                    for (int i = 0; i < buckets.length; i++) {
                        buckets[i] += other.buckets[i];
                    }
                    count += other.count;
                    max = Math.max(max, other.max);
                }
            }
        }

        synchronized double percentile(double p) {
            if (count == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(count * p / 100.0);
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                seen += buckets[i];
                if (seen >= rank) {
                    return (i + 1) / 10.0;
                }
            }
            return max / 1e6;
        }
    }
}
