import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded closed-loop load driver for Shuxiang's HTTP API, run with {@code java bench/LoadDriver.java}.
 * Sends GET requests to loopback only, {@code --requests} in all from {@code --concurrency} workers,
 * after a warm-up, and prints throughput and latency percentiles.
 *
 * <pre>java bench/LoadDriver.java --url http://127.0.0.1:8080/api/v1/org-units/YAQ-B01 \
 *     --header "Authorization: Bearer sx_…" --requests 20000 --concurrency 4 --warmup 2000</pre>
 * With {@code --urls FILE} (one URL a line) the requests go round the file's URLs, for a query mix.
 */
public class LoadDriver {

    public static void main(String[] args) throws Exception {
        String url = null;
        List<String> urls = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        int requests = 10_000;
        int concurrency = 4;
        int warmup = 1_000;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--urls" -> urls.addAll(java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[i + 1])).stream()
                        .filter(line -> !line.isBlank()).toList());
                case "--header" -> headers.add(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url != null) {
            urls.add(url);
        }
        List<HttpRequest> mix = new ArrayList<>();
        for (String each : urls) {
            URI uri = URI.create(each);
            String host = uri.getHost();
            if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
                throw new IllegalArgumentException("the load driver only targets loopback addresses");
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            for (String header : headers) {
                int colon = header.indexOf(':');
                builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            mix.add(builder.build());
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        run(client, mix, warmup, concurrency);
        long started = System.nanoTime();
        long[] latencies = run(client, mix, requests, concurrency);
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("urls=%d (%s) requests=%d concurrency=%d%n", mix.size(), mix.get(0).uri(), requests,
                concurrency);
        System.out.printf("throughput=%.0f req/s%n", requests / seconds);
        System.out.printf("latency_ms p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", pct(latencies, 50), pct(latencies, 95),
                pct(latencies, 99), latencies[latencies.length - 1] / 1e6);
    }

    private static long[] run(HttpClient client, List<HttpRequest> mix, int count, int concurrency) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = client.send(mix.get(i % mix.size()),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " requests failed");
        }
        return latencies;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
