package org.idempiere.subscription.sandbox.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * framework cleanly, which stops the embedded PostgreSQL.
 *
 * <pre>
 * java -jar sandbox-launcher.jar --bundles DIR [--extra-bundles DIR] [--data DIR] [--port N] [--db-url JDBC_URL]
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path bundles = Path.of(require(opts, "bundles"));
        Path data = Path.of(opts.getOrDefault("data", "var")).toAbsolutePath();
        String port = opts.getOrDefault("port", env("SUBSCRIPTIONS_PORT", "8080"));

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
        config.put("org.eclipse.equinox.http.jetty.http.host", "127.0.0.1");
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
