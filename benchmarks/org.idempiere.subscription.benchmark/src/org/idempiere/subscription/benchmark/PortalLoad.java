package org.idempiere.subscription.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
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
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The portal benchmark's load, in a process of its own so that the measured server's CPU is not
 * shared with a client in the same JVM (started by {@code benchmarks/run portal}, not by the
 * framework). It reads the plan {@link PortalBenchmark} wrote (the portal's address, the rate,
 * the pages and the visitors with their session cookies) and sends plain HTTP/1.1 {@code GET}s
 * over keep-alive sockets: a scheduler thread releases each request at its planned time (open
 * loop: whatever the answers before), a fixed set of workers, each with its own connection, sends
 * it and reads the whole answer; the latency counts from the planned time, so a request that waits
 * for a free worker or connection shows that wait. A request without an answer within 10 s counts
 * as "no answer". It prints the latency percentiles per page and overall, the answers that were
 * not 200, and the CPU the server's JVM, its PostgreSQL and this client spent per request while
 * measured (from {@code /proc}), with the machine's total. Only the JDK is used.
 */
public final class PortalLoad {
    /** Workers, each with one keep-alive connection: far more than the requests under way at the target's latency. */
    private static final int WORKERS = Integer.getInteger("portal.load.connections", 64);
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Job STOP = new Job(-1, 0, null, null);

    private PortalLoad() {
    }

    /** One request: its page (index), planned time ({@link System#nanoTime()}), path and session cookie. */
    private record Job(int page, long at, String path, String cookie) {
    }

    /** One session, one of its customer's subscriptions, a line of it and an invoice of it. */
    private record Visitor(String cookie, long subscriptionId, long lineId, long invoiceId) {
        String path(String page) {
            return page.replace("{id}", String.valueOf(subscriptionId)).replace("{line}", String.valueOf(lineId))
                    .replace("{invoice}", String.valueOf(invoiceId));
        }
    }

    /**
     * @param args the plan file written by {@link PortalBenchmark}, and the {@code postmaster.pid} of
     *        the sandbox's PostgreSQL (whose processes' CPU is counted)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PortalLoad <plan file> <PostgreSQL's postmaster.pid>");
            System.exit(2);
        }
        Properties plan = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            plan.load(r);
        }
        URI base = URI.create(plan.getProperty("base"));
        int rate = Integer.parseInt(plan.getProperty("rate"));
        int seconds = Integer.parseInt(plan.getProperty("seconds"));
        int warmup = Integer.parseInt(plan.getProperty("warmup"));
        List<String> all = new ArrayList<>();
        for (int i = 0; plan.containsKey("page." + i); i++) {
            all.add(plan.getProperty("page." + i));
        }
        List<Visitor> visitors = new ArrayList<>();
        for (int i = 0; plan.containsKey("visitor." + i); i++) {
            String[] v = plan.getProperty("visitor." + i).split(" ");
            visitors.add(new Visitor(v[0], Long.parseLong(v[1]), Long.parseLong(v[2]), Long.parseLong(v[3])));
        }
        Http probe = new Http(base);
        List<String> pages = new ArrayList<>();
        for (String page : all) {
            int status = probe.get(base.getPath() + visitors.get(0).path(page), visitors.get(0).cookie());
            if (status == 200) {
                pages.add(page);
            } else {
                System.out.println("  not measured: " + page + " answers " + status);
            }
        }
        probe.close();
        if (pages.isEmpty()) {
            throw new AssertionError("the portal serves none of " + all);
        }
        System.out.printf("  load: a separate process (pid %d), %d keep-alive connections, %d requests/s, %d s warm-up, %d s"
                + " measured%n", ProcessHandle.current().pid(), WORKERS, rate, warmup, seconds);
        System.out.println("  pages measured: " + pages + " (of " + all + ")");
        load(base, pages, visitors, rate, warmup, null);
        Recorder rec = new Recorder(pages.size(), rate * seconds);
        Cpu cpu = new Cpu(Long.parseLong(plan.getProperty("serverPid")), Path.of(args[1]));
        Cpu.Sample before = cpu.sample();
        load(base, pages, visitors, rate, seconds, rec);
        Cpu.Sample after = cpu.sample();
        report(pages, rec);
        cpu.report(before, after, rate * seconds);
    }

    /** Sends {@code rate} requests a second for {@code seconds}, each released at its planned time, and waits for every answer. */
    private static void load(URI base, List<String> pages, List<Visitor> visitors, int rate, int seconds, Recorder rec)
            throws InterruptedException {
        int total = rate * seconds;
        BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread t = new Thread(() -> work(base, queue, rec, done), "load-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int page = i % pages.size();
            Visitor v = visitors.get((i / pages.size()) % visitors.size());
            queue.add(new Job(page, at, base.getPath() + v.path(pages.get(page)), v.cookie()));
        }
        done.await();
        for (int w = 0; w < WORKERS; w++) {
            queue.add(STOP);
        }
        for (Thread t : workers) {
            t.join();
        }
    }

    private static void work(URI base, BlockingQueue<Job> queue, Recorder rec, CountDownLatch done) {
        Http http = new Http(base);
        try {
            while (true) {
                Job job = queue.take();
                if (job == STOP) {
                    return;
                }
                int status = http.get(job.path(), job.cookie());
                if (rec != null) {
                    rec.record(job.page(), (System.nanoTime() - job.at()) / 1_000, status);
                }
                done.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.close();
        }
    }

    /** One keep-alive HTTP/1.1 connection, opened again when the server closed it. Not thread-safe. */
    private static final class Http {
        private final InetSocketAddress address;
        private final String host;
        private final byte[] skip = new byte[16 * 1024];
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Http(URI base) {
            this.address = new InetSocketAddress(base.getHost(), base.getPort());
            this.host = base.getHost() + ":" + base.getPort();
        }

        /** @return the answer's status, the whole answer read; 0 when there was none (timeout, connection failed) */
        int get(String path, String cookie) {
            byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nCookie: " + cookie
                    + "\r\nAccept: text/html\r\nAccept-Language: en\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            for (int attempt = 0; attempt < 2; attempt++) {
                boolean reused = socket != null;
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(TIMEOUT_MILLIS);
                        socket.connect(address, TIMEOUT_MILLIS);
                        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                        out = socket.getOutputStream();
                    }
                    out.write(request);
                    out.flush();
                    return read();
                } catch (IOException e) {
                    close();
                    if (!reused || e instanceof java.net.SocketTimeoutException) {
                        return 0; // a new connection that failed, or no answer in time: not sent again
                    }
                    // a kept-alive connection the server had closed: once more on a new one
                }
            }
            return 0;
        }

        private int read() throws IOException {
            String status = line();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equals("connection")) {
                    closes = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers: none expected
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                closes = true; // the body ends with the connection
                while (in.read(skip) >= 0) {
                    // read to the end
                }
            }
            if (closes) {
                close();
            }
            return code;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                int r = in.read(skip, 0, (int) Math.min(skip.length, n));
                if (r < 0) {
                    throw new IOException("the answer ended early");
                }
                n -= r;
            }
        }

        /** A header line without its CRLF; null at the end of the stream. */
        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    int n = b.length();
                    return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
                }
                b.append((char) c);
            }
            if (b.length() == 0) {
                return null;
            }
            throw new IOException("the answer ended in a line");
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }

    /** Latencies (microseconds) per page of the measured part of the load. */
    private static final class Recorder {
        final long[][] byPage;
        final int[] counts;
        /** The answers that were not 200, by status ("no answer" for none). */
        final Map<String, Integer> errors = new TreeMap<>();

        Recorder(int pages, int requests) {
            byPage = new long[pages][requests / pages + 1];
            counts = new int[pages];
        }

        synchronized void record(int page, long micros, int status) {
            byPage[page][counts[page]++] = micros;
            if (status != 200) {
                errors.merge(status == 0 ? "no answer" : String.valueOf(status), 1, Integer::sum);
            }
        }
    }

    private static void report(List<String> pages, Recorder rec) {
        System.out.println();
        System.out.printf("  %-62s %8s %8s %8s %8s %8s%n", "page", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms");
        long[] all = new long[0];
        for (int p = 0; p < pages.size(); p++) {
            long[] l = Arrays.copyOf(rec.byPage[p], rec.counts[p]);
            Arrays.sort(l);
            line(pages.get(p), l);
            long[] merged = Arrays.copyOf(all, all.length + l.length);
            System.arraycopy(l, 0, merged, all.length, l.length);
            all = merged;
        }
        Arrays.sort(all);
        line("all pages", all);
        System.out.printf("  errors (not 200 or no answer): %d %s%n", rec.errors.values().stream().mapToInt(Integer::intValue).sum(),
                rec.errors.isEmpty() ? "" : rec.errors);
    }

    private static void line(String name, long[] sorted) {
        System.out.printf("  %-62s %8d %8.1f %8.1f %8.1f %8.1f%n", name, sorted.length, pct(sorted, 0.50), pct(sorted, 0.90),
                pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }

    /**
     * CPU time from {@code /proc} (Linux): the server's JVM, its PostgreSQL (the postmaster, its
     * children alive and those it reaped), this client, and the whole machine (all processes,
     * other work too).
     */
    private static final class Cpu {
        private static final long TICK_NANOS = 1_000_000_000L / Long.getLong("portal.load.clockTicks", 100);
        private final long serverPid;
        private final Path postmasterPidFile;

        Cpu(long serverPid, Path postmasterPidFile) {
            this.serverPid = serverPid;
            this.postmasterPidFile = postmasterPidFile;
        }

        /** CPU ticks: server, PostgreSQL, client, machine busy, machine all, and the wall time in nanoseconds. */
        record Sample(long server, long postgres, long client, long busy, long total, long wall) {
        }

        Sample sample() {
            try {
                long postmaster = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
                long pg = ticks(postmaster, true);
                try (var procs = Files.list(Path.of("/proc"))) {
                    for (Path p : (Iterable<Path>) procs::iterator) {
                        String name = p.getFileName().toString();
                        if (name.chars().allMatch(Character::isDigit)) {
                            String[] f = stat(p);
                            if (f != null && Long.parseLong(f[1]) == postmaster) {
                                pg += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                            }
                        }
                    }
                }
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                    total += Long.parseLong(cpu[i]);
                }
                long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
                return new Sample(ticks(serverPid, false), pg, ticks(ProcessHandle.current().pid(), false), total - idle, total,
                        System.nanoTime());
            } catch (IOException | RuntimeException e) {
                System.out.println("  CPU not measured: " + e);
                return null;
            }
        }

        /** The fields of /proc/pid/stat after the command's name (state first); null when the process is gone. */
        private static String[] stat(Path proc) {
            try {
                String s = Files.readString(proc.resolve("stat"));
                return s.substring(s.lastIndexOf(')') + 2).split(" ");
            } catch (IOException e) {
                return null;
            }
        }

        private static long ticks(long pid, boolean withReaped) {
            String[] f = stat(Path.of("/proc", String.valueOf(pid)));
            if (f == null) {
                throw new IllegalStateException("process " + pid + " is gone");
            }
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        }

        void report(Sample a, Sample b, int requests) {
            if (a == null || b == null) {
                return;
            }
            double wall = (b.wall() - a.wall()) / 1e9;
            System.out.printf("  CPU while measured (%.1f s, %d requests; ms of CPU per request, share of the 2 cores):%n", wall,
                    requests);
            part("server JVM", b.server() - a.server(), requests, wall);
            part("PostgreSQL", b.postgres() - a.postgres(), requests, wall);
            part("load client", b.client() - a.client(), requests, wall);
            long machine = b.busy() - a.busy();
            part("machine (all processes)", machine, requests, wall);
            System.out.printf("  %-26s %6.1f %% of all CPUs busy%n", "", 100.0 * machine / Math.max(1, b.total() - a.total()));
            System.out.println();
        }

        private static void part(String name, long ticks, int requests, double wall) {
            double ms = ticks * TICK_NANOS / 1e6;
            System.out.printf("  %-26s %8.2f ms/request %6.0f %% of one core%n", name, ms / requests, 100 * ms / 1000 / wall);
        }
    }
}
