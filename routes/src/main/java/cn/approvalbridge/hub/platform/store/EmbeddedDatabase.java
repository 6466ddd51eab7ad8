package cn.approvalbridge.hub.platform.store;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded default's database: a real PostgreSQL server (the binaries of the io.zonky.test.postgres artifact) on
 * 127.0.0.1, its cluster persistent under {@code dir}. The H2 file database it replaces was seen to keep a torn index
 * after kill -9; PostgreSQL's write-ahead log is made for exactly that crash, so fsync and synchronous commit stay on.
 * <p>
 * Layout of {@code dir} (0700, so the binaries directory the library makes world-writable is reachable by no one else):
 * {@code cluster/} (the data directory), {@code binaries/} (unpacked once per binaries version), {@code password}
 * (0600, made at the first start: the server asks for it on TCP, so no other local user can log in as its superuser),
 * {@code initialized} (written once the first start has completed), {@code postgres.log}, {@code hub.lock}.
 * <p>
 * After a kill -9 of the hub the server may have died with it or live on as an orphan: a live server on this cluster is
 * stopped (a hub lock held by no process proves its hub is gone), a postmaster.pid naming a dead or foreign process is
 * removed, and PostgreSQL recovers from its log on the next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final List<String> SCHEMAS = List.of("hub", "staging");
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";

    private final Path dir;
    private final Path cluster;
    private final int port;
    private final String password;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dir, int port) throws IOException {
        this.dir = dir;
        this.cluster = dir.resolve("cluster");
        this.port = port;
        createPrivateDirectory(dir);
        lockChannel = FileChannel.open(dir.resolve("hub.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("Another hub process uses the embedded database in " + dir
                    + ": stop it, or give this one its own hub.embedded-db.dir");
        }
        this.password = readOrMakePassword();
    }

    /** Starts the server (initialising the cluster on the first start) and creates the hub's schemas. */
    public static EmbeddedDatabase start(Path dir, Path binaries, int port, Duration startupWait) throws IOException {
        EmbeddedDatabase db = new EmbeddedDatabase(dir.toAbsolutePath().normalize(), port);
        try {
            db.startServer(binaries.toAbsolutePath().normalize(), startupWait);
            return db;
        } catch (IOException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void startServer(Path binaries, Duration startupWait) throws IOException {
        boolean fresh = !Files.exists(dir.resolve("initialized"));
        if (fresh && Files.exists(cluster)) {
            // a first start that did not complete (killed during initdb): nothing of the hub's can be in it yet
            LOG.warnf("Removing the incompletely initialised embedded database cluster %s", cluster);
            stopOrphan();
            deleteTree(cluster);
        } else {
            stopOrphan();
        }
        requireFreePort();
        Files.createDirectories(binaries);
        File log = dir.resolve("postgres.log").toFile();
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster.toFile())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setPGStartupWait(startupWait)
                // the hub stops the server after Quarkus has stopped (HubMain), not concurrently with it
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                // initdb: the superuser's password from our file, asked for on every connection
                .setLocaleConfig("pwfile", dir.resolve("password").toString())
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("locale", "C")
                .setConnectConfig("password", password)
                // the library starts the server with -F (no fsync) and synchronous_commit off, fit for throw-away test
                // databases: a committed transaction must survive kill -9 and a power cut here
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "100")
                .start();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SHOW fsync")) {
                if (!rs.next() || !"on".equals(rs.getString(1))) {
                    throw new IllegalStateException("The embedded database runs without fsync");
                }
            }
            for (String schema : SCHEMAS) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
        } catch (SQLException e) {
            throw new IOException("The embedded database on port " + port + " does not answer", e);
        }
        if (fresh) {
            Files.writeString(dir.resolve("initialized"), "PostgreSQL cluster initialised by the hub\n");
        }
        LOG.infof("Embedded PostgreSQL on 127.0.0.1:%d, cluster %s", port, cluster);
    }

    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + schema;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl("public"), SUPERUSER, password);
    }

    /** A server still running on this cluster (its hub was killed, it was not): stopped before ours starts. */
    private void stopOrphan() throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> running = Files.readAllLines(pidFile).stream().findFirst().map(String::trim)
                .filter(s -> s.matches("\\d+")).flatMap(s -> ProcessHandle.of(Long.parseLong(s)))
                .filter(ProcessHandle::isAlive);
        if (running.isPresent() && commandLine(running.get()).contains(cluster.toString())) {
            ProcessHandle postmaster = running.get();
            LOG.warnf("Stopping the embedded database left running by an earlier hub process (pid %d)",
                    postmaster.pid());
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroy(); // SIGTERM: its clients died with their hub, so it shuts down cleanly
            try {
                postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("The earlier embedded database did not stop within 30 s: killed");
                postmaster.destroyForcibly();
            }
            backends.forEach(ProcessHandle::destroyForcibly);
        } else {
            // the process is gone, or the pid now belongs to another program (a restarted container reuses pids)
            LOG.infof("Removing a stale %s", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    /** Another program on the port would make the server fail to start only after the whole startup wait. */
    private void requireFreePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1, the embedded database's, is in use: set "
                    + "hub.embedded-db.port (HUB_EMBEDDED_DB_PORT) to a free one", e);
        }
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return p.info().commandLine().orElse("");
        }
    }

    /** The superuser's password: made once, kept beside the cluster (0600), read again at every start. */
    private String readOrMakePassword() throws IOException {
        Path file = dir.resolve("password");
        if (Files.exists(file)) {
            return Files.readAllLines(file).get(0).trim();
        }
        if (Files.exists(cluster.resolve("PG_VERSION"))) {
            throw new IllegalStateException("The embedded database's password file " + file + " is missing: restore "
                    + "it, or move " + dir + " away to start on an empty database");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, made + "\n");
        return made;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Fast shutdown (a checkpoint, then exit); the cluster stays for the next start. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } finally {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        }
    }
}
