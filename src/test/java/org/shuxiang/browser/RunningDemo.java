package org.shuxiang.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar started as a new user starts it ({@code --demo}: the demo network, catalogue, staff
 * and readers), on a database of its own: on the PostgreSQL server named by SHUXIANG_DB_URL (as in CI)
 * or, without one, the jar's own embedded PostgreSQL in a folder under {@code target/}.
 */
final class RunningDemo implements AutoCloseable {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private final Process process;
    private final String base;
    private final Path log;

    private RunningDemo(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    String base() {
        return base;
    }

    private static RunningDemo shared;

    /**
     * One demo for every browser test class of the run (a start takes most of a minute), stopped when the
     * test JVM ends. The journeys use readers and copies of their own where they change things.
     */
    static synchronized RunningDemo shared() throws Exception {
        if (shared == null) {
            // the screenshots of this run only: none left from an earlier one
            if (Files.isDirectory(Browser.SCREENSHOTS)) {
                try (var old = Files.list(Browser.SCREENSHOTS)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            shared = start("demo");
            RunningDemo started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is ending
                }
            }));
        }
        return shared;
    }

    /** A page of the reader site as anybody sees it, in Chinese. */
    String page(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept-Language", "zh-CN").build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A call to the REST API as a demo staff member (HTTP Basic), for a test's setting up and checking. */
    String api(String method, String path, String staff, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((staff + ":shuxiang-demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    static RunningDemo start(String name) throws Exception {
        Path jar = Path.of("target/shuxiang.jar");
        assertThat(jar).as("the packaged jar (./mvnw verify packages it before the browser tests)").exists();
        Path dir = Path.of("target", "browser", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--demo", "--server.port=" + port,
                "--shuxiang.data-dir=" + dir, "--shuxiang.search.ephemeral=true", "--shuxiang.sip2.port=0",
                "--shuxiang.patrons.identity-key=" + KEY, "--logging.level.root=warn",
                "--logging.level.org.shuxiang=info"));
        Path log = dir.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        String external = System.getenv("SHUXIANG_DB_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("SHUXIANG_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("SHUXIANG_DB_PASSWORD", "");
            String database = "shuxiang_browser_" + name.replaceAll("[^a-z0-9]", "_");
            try (Connection c = DriverManager.getConnection(external, user, password);
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
                s.execute("create database " + database);
            }
            builder.environment().put("SHUXIANG_DB_URL",
                    external.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database));
            builder.environment().put("SHUXIANG_DB_USER", user);
            builder.environment().put("SHUXIANG_DB_PASSWORD", password);
        } else {
            builder.environment().remove("SHUXIANG_DB_URL");
        }
        Process process = builder.start();
        RunningDemo demo = new RunningDemo(process, "http://127.0.0.1:" + port, log);
        demo.awaitCatalogue();
        return demo;
    }

    /** Up, and the demo catalogue searchable (it is indexed after start-up). */
    private void awaitCatalogue() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Shuxiang exited during start-up:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/search?q=santi"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("/records/")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the demo catalogue was not searchable within 240 s:\n" + Files.readString(log));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
