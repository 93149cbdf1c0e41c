package org.idempiere.subscription.sandbox.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts the sandbox: an OSGi framework (Equinox) with every bundle of a folder, the HTTP
 * whiteboard on 127.0.0.1, and the sandbox's settings as framework properties. Ctrl-C stops the
 * framework cleanly, which stops the embedded PostgreSQL. A data folder or a port another sandbox
 * holds is refused at once, with one line on stderr and exit code {@value #EXIT_IN_USE}.
 *
 * <pre>
 * java -jar sandbox-launcher.jar --bundles DIR [--extra-bundles DIR] [--data DIR] [--port N] [--db-url JDBC_URL]
 * </pre>
 */
public final class Main {
    /** The exit code when the data folder or the port is held by another process. */
    static final int EXIT_IN_USE = 3;
    private static final String HOST = "127.0.0.1";
    /** Held for the life of the process: the lock on the data folder. */
    private static FileLock dataLock;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts;
        Path bundles;
        int portNumber;
        String port;
        try {
            opts = parse(args);
            bundles = Path.of(require(opts, "bundles"));
            port = opts.getOrDefault("port", env("SUBSCRIPTIONS_PORT", "8080"));
            portNumber = portNumber(port);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path data = Path.of(opts.getOrDefault("data", "var")).toAbsolutePath();
        String inUse = lockData(data);
        if (inUse == null) {
            inUse = portTaken(portNumber);
        }
        if (inUse != null) {
            System.err.println("sandbox: " + inUse);
            System.exit(EXIT_IN_USE);
        }

        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, data.resolve("osgi").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("osgi.checkConfiguration", "true");
        config.put("eclipse.ignoreApp", "true");
        // The embedded PostgreSQL asks the JDK for the user id: as root it must run initdb in a
        // user namespace, which it only knows to do when it can see this package.
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "com.sun.security.auth.module");
        config.put("ds.loglevel", "warn"); // components that fail to activate say why on stderr
        config.put("org.osgi.service.http.port", port);
        config.put("org.eclipse.equinox.http.jetty.http.host", HOST);
        config.put("subscriptions.data.dir", data.toString());
        if (opts.containsKey("db-url")) {
            config.put("subscriptions.db.url", opts.get("db-url"));
        }

        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi framework on the class path"))
                .newFramework(config);
        framework.init();
        install(framework.getBundleContext(), bundles);
        if (opts.containsKey("extra-bundles")) {
            install(framework.getBundleContext(), Path.of(opts.get("extra-bundles")));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "sandbox-shutdown"));
        framework.start();
        reportInactive(framework.getBundleContext());
        FrameworkEvent end = framework.waitForStop(0);
        if (end.getType() == FrameworkEvent.ERROR) {
            System.exit(1);
        }
        // A component that ran a task and stopped the framework (the benchmark) may set the exit code.
        System.exit(Integer.getInteger("subscriptions.exit.code", 0));
    }

    private static int portNumber(String port) {
        try {
            int n = Integer.parseInt(port.strip());
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port '" + port + "' is not a port number (0-65535)");
    }

    /**
     * Locks {@code data}/.sandbox.lock for the life of the process (the operating system releases
     * it when the process ends, however it ends).
     *
     * @return why the folder cannot be used, or null when this process holds it now
     */
    private static String lockData(Path data) throws IOException {
        Files.createDirectories(data);
        Path lockFile = data.resolve(".sandbox.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return "the data folder " + data + " is in use by another sandbox; stop that one or start with --data DIR";
        }
        dataLock = lock;
        return null;
    }

    /** @return why {@code port} cannot be used, or null when it is free (or 0: any free port) */
    private static String portTaken(int port) throws IOException {
        if (port == 0) {
            return null;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), port));
            return null;
        } catch (BindException e) {
            return "port " + port + " on " + HOST + " is in use by another program; stop it or start with --port N";
        }
    }

    private static void install(BundleContext context, Path folder) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(folder)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                // The framework itself is on the class path, not a bundle to install.
                if (jar.getFileName().toString().startsWith("org.eclipse.osgi_")) {
                    continue;
                }
                installed.add(context.installBundle(jar.toUri().toString()));
            }
        }
        if (installed.isEmpty()) {
            throw new IOException("No bundles in " + folder + "; build them with ./mvnw -DskipTests install");
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    b.start(); // eagerly: lazy bundles such as the Jetty starter must run now
                } catch (BundleException e) {
                    System.err.println("Cannot start " + b.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Names every bundle that did not start, with the reason, so a broken runtime says why. */
    private static void reportInactive(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
                try {
                    b.start();
                } catch (BundleException e) {
                    System.err.println("Bundle " + b.getSymbolicName() + " is not active: " + e.getMessage());
                }
            }
        }
    }

    private static void stop(Framework framework) {
        try {
            if (framework.getState() == Bundle.ACTIVE || framework.getState() == Bundle.STARTING) {
                System.out.println("Stopping the sandbox ...");
                framework.stop();
                framework.waitForStop(60_000);
            }
        } catch (BundleException | InterruptedException e) {
            System.err.println("Stop failed: " + e);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: --bundles DIR [--extra-bundles DIR] [--data DIR] [--port N]"
                        + " [--db-url URL]; bad: " + args[i]);
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    private static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

}
