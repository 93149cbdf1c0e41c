package org.idempiere.subscription.benchmark;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Runs a benchmark in a thread of its own when its framework property is set, then stops the framework;
 * the launcher exits with 0, or 1 when the benchmark failed.
 */
final class BenchmarkThread {
    private BenchmarkThread() {
    }

    /** A benchmark's work for a size. */
    @FunctionalInterface
    interface Body {
        void run(int n) throws Exception;
    }

    /** Starts {@code body} with the property's value as its size, if the property is set. */
    static void start(BundleContext context, String property, String name, Body body) {
        String size = context.getProperty(property);
        if (size == null) {
            return;
        }
        new Thread(() -> {
            int exit = 0;
            try {
                body.run(Integer.parseInt(size.strip()));
            } catch (Exception | AssertionError e) {
                exit = 1;
                System.err.println("Benchmark failed: " + e);
                e.printStackTrace();
            } finally {
                System.setProperty("subscriptions.exit.code", String.valueOf(exit)); // the launcher exits with it
                try {
                    context.getBundle(0).stop();
                } catch (BundleException e) {
                    System.err.println("Cannot stop the framework: " + e);
                }
            }
        }, name).start();
    }
}
