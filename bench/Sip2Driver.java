import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
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
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
 * The driver shares the machine with the server and its database, so it is lean: three threads for all
 * the connections (see {@link Kiosks}), not one per kiosk. It used a blocking thread per kiosk until
 * 2026-12-03; that cost about 0.1 ms of CPU per message and woke kiosks up to a millisecond late.
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

        long start = System.nanoTime();
        // connections and logins spread over the first part of the warm-up, as kiosks come on in the morning
        long spread = Math.max(1, warmup / 3) * 1_000_000_000L;
        for (Kiosk kiosk : kiosks) {
            kiosk.due = start + spread * kiosk.index / connections;
        }
        Kiosks driven = new Kiosks(kiosks);
        driven.start();
        Thread.sleep(warmup * 1000L);
        System.out.printf("connected: %d of %d%n", driven.connected.get(), connections);
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

    /**
     * All the kiosks, driven by three threads rather than a thread each (a thousand threads, each woken
     * twice a message, cost the driver more CPU than the server spent on some messages): one connects
     * and logs the kiosks in at their times, one sends each message when it is due, one reads the answers
     * of all the connections through a selector. A kiosk has one message out at a time.
     */
    static final class Kiosks {
        final List<Kiosk> kiosks;
        final AtomicInteger connected = new AtomicInteger();
        final Selector selector;
        /** Kiosks logged in, for the reader to register. */
        final ConcurrentLinkedQueue<Kiosk> toRegister = new ConcurrentLinkedQueue<>();
        /** Kiosks whose next message has a due time, for the sender. */
        final ConcurrentLinkedQueue<Kiosk> toSend = new ConcurrentLinkedQueue<>();
        /** When the sender wakes next if nothing comes in before: the reader wakes it sooner for an earlier message. */
        volatile long senderWakes = Long.MAX_VALUE;
        Thread sender;

        Kiosks(List<Kiosk> kiosks) throws IOException {
            this.kiosks = kiosks;
            this.selector = Selector.open();
        }

        void start() {
            sender = daemon("sender", this::send);
            daemon("connector", this::connect);
            daemon("reader", this::read);
        }

        static Thread daemon(String name, Runnable body) {
            Thread t = new Thread(body, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Each kiosk at its time (in {@code due}): connected, logged in, then handed to the reader. */
        void connect() {
            for (Kiosk kiosk : kiosks) {
                try {
                    sleepUntil(kiosk.due);
                    kiosk.connect();
                    connected.incrementAndGet();
                    toRegister.add(kiosk);
                    selector.wakeup();
                } catch (IOException | InterruptedException e) {
                    failed(kiosk, e);
                }
            }
        }

        /** Sends each message when it is due, in the order of their due times. */
        void send() {
            PriorityQueue<Kiosk> byDue = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
            while (!stop.get()) {
                for (Kiosk k; (k = toSend.poll()) != null; ) {
                    byDue.add(k);
                }
                long now = System.nanoTime();
                Kiosk next = byDue.peek();
                if (next != null && next.due <= now) {
                    byDue.poll();
                    try {
                        next.send();
                    } catch (IOException e) {
                        failed(next, e);
                    }
                    continue;
                }
                long wake = next == null ? now + 10_000_000 : next.due;
                senderWakes = wake;
                if (toSend.isEmpty()) {
                    LockSupport.parkNanos(wake - now);
                }
                senderWakes = Long.MAX_VALUE;
            }
        }

        /** Reads the answers, records them, and gives each kiosk's next message its due time. */
        void read() {
            try {
                while (!stop.get()) {
                    selector.select(100);
                    for (Kiosk k; (k = toRegister.poll()) != null; ) {
                        k.channel.register(selector, SelectionKey.OP_READ, k);
                        k.due = System.nanoTime() + (long) (k.random.nextDouble() * k.meanPause);
                        schedule(k);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        Kiosk k = (Kiosk) key.attachment();
                        try {
                            if (k.read()) {
                                schedule(k);
                            }
                        } catch (IOException e) {
                            key.cancel();
                            failed(k, e);
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void schedule(Kiosk k) {
            toSend.add(k);
            if (k.due < senderWakes) {
                LockSupport.unpark(sender);
            }
        }

        static void failed(Kiosk kiosk, Exception e) {
            errors.incrementAndGet();
            if (samples.size() < 5) {
                samples.add("kiosk " + kiosk.index + ": " + e);
            }
            kiosk.close();
        }
    }

    /** One kiosk: its connection, its readers and books, the message it is at, its schedule. */
    static final class Kiosk {
        static final AtomicInteger open = new AtomicInteger();
        final int index;
        final String host;
        final int port;
        final String[] account;
        final List<Pair> mine;
        final double meanPause;
        final Random random;
        final ByteBuffer answer = ByteBuffer.allocate(64 * 1024);
        SocketChannel channel;
        /** When the next message is due (before the connection: when to connect). */
        volatile long due;
        volatile long sent;
        /** The message of the session (0 to 5) and the reader and books it is at. */
        int step;
        int turn;
        String now;

        Kiosk(int index, String host, int port, String[] account, List<Pair> mine, double meanPause) {
            this.index = index;
            this.host = host;
            this.port = port;
            this.account = account;
            this.mine = mine;
            this.meanPause = meanPause;
            this.random = new Random(index);
        }

        void connect() throws IOException {
            channel = SocketChannel.open(new InetSocketAddress(host, port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            open.incrementAndGet();
            write("9300CN" + account[0] + "|CO" + account[1] + "|CP" + account[2] + "|");
            while (answer.position() == 0 || answer.get(answer.position() - 1) != '\r') {
                if (channel.read(answer) < 0) {
                    throw new IOException("connection closed by the server at login");
                }
            }
            String reply = new String(answer.array(), 0, answer.position() - 1, StandardCharsets.UTF_8);
            answer.clear();
            if (!reply.equals("941")) {
                throw new IOException("login refused: " + reply);
            }
            channel.configureBlocking(false);
        }

        /** This session's messages in turn: patron information, two checkouts, end session, two checkins. */
        String message() {
            String unit = account[2];
            String card = mine.get(turn % mine.size()).card();
            String book = mine.get((turn + (step == 2 || step == 5 ? 1 : 0)) % mine.size()).barcode();
            if (step == 0) {
                now = LocalDateTime.now().format(DATE);
            }
            return switch (step) {
                case 0 -> "63000" + now + "          AO" + unit + "|AA" + card + "|";
                case 1, 2 -> "11YN" + now + now + "AO" + unit + "|AA" + card + "|AB" + book + "|AC|";
                case 3 -> "35" + now + "AO" + unit + "|AA" + card + "|";
                default -> "09N" + now + now + "AP" + unit + "|AO" + unit + "|AB" + book + "|AC|";
            };
        }

        String kind() {
            return KINDS_OF_STEPS[step];
        }

        void send() throws IOException {
            String message = message();
            sent = System.nanoTime();
            write(message);
        }

        void write(String message) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap((message + "\r").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    throw new IOException("the server reads no more");
                }
            }
        }

        /**
         * Reads what has come; when it completes the answer, records it and sets the next message's due
         * time: true then.
         */
        boolean read() throws IOException {
            if (channel.read(answer) < 0) {
                throw new IOException("connection closed by the server");
            }
            if (answer.position() == 0 || answer.get(answer.position() - 1) != '\r') {
                if (!answer.hasRemaining()) {
                    throw new IOException("an answer longer than " + answer.capacity() + " bytes");
                }
                return false;
            }
            long answered = System.nanoTime();
            String kind = kind();
            if (measuring) {
                window.computeIfAbsent(kind, k -> new Histogram()).record(answered - due);
                total.computeIfAbsent(kind, k -> new Histogram()).record(answered - due);
                roundTrips.computeIfAbsent(kind, k -> new Histogram()).record(answered - sent);
                String expected = EXPECTED[step];
                if (!startsWith(answer, expected)) {
                    refused.incrementAndGet();
                    if (samples.size() < 5) {
                        samples.add(new String(answer.array(), 0, answer.position() - 1, StandardCharsets.UTF_8));
                    }
                }
            }
            answer.clear();
            // a kiosk whose answer came late sends the next message at once, as it is already due
            due += (long) (meanPause * (0.5 + random.nextDouble()));
            if (++step == KINDS_OF_STEPS.length) {
                step = 0;
                turn += 2;
            }
            return true;
        }

        static boolean startsWith(ByteBuffer bytes, String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (i >= bytes.position() || bytes.get(i) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        void close() {
            if (channel != null && channel.isOpen()) {
                open.decrementAndGet();
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    static final String[] KINDS_OF_STEPS = {"63", "11", "11", "35", "09", "09"};
    static final String[] EXPECTED = {"64", "121", "121", "36Y", "101", "101"};

    static void sleepUntil(long at) throws InterruptedException {
        long wait = at - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
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
