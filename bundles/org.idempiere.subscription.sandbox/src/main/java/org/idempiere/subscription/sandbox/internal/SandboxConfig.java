package org.idempiere.subscription.sandbox.internal;

import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;

/**
 * The sandbox's settings: a framework property, else an environment variable, else a default.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>subscriptions.data.dir</td><td>SUBSCRIPTIONS_DATA_DIR</td><td>var</td></tr>
 * <tr><td>subscriptions.db.url</td><td>SUBSCRIPTIONS_DB_URL</td><td>(embedded PostgreSQL)</td></tr>
 * <tr><td>subscriptions.api.key</td><td>SUBSCRIPTIONS_API_KEY</td><td>(generated, in the data folder)</td></tr>
 * <tr><td>subscriptions.demo.data</td><td>SUBSCRIPTIONS_DEMO_DATA</td><td>true</td></tr>
 * </table>
 */
public record SandboxConfig(Path dataDir, Optional<String> dbUrl, Optional<String> apiKey, boolean demoData,
        Optional<String> httpPort) {

    /** Reads the settings of the running framework. */
    public static SandboxConfig of(BundleContext context) {
        return new SandboxConfig(
                Path.of(setting(context, "subscriptions.data.dir", "SUBSCRIPTIONS_DATA_DIR").orElse("var")).toAbsolutePath(),
                setting(context, "subscriptions.db.url", "SUBSCRIPTIONS_DB_URL"),
                setting(context, "subscriptions.api.key", "SUBSCRIPTIONS_API_KEY"),
                !"false".equalsIgnoreCase(setting(context, "subscriptions.demo.data", "SUBSCRIPTIONS_DEMO_DATA").orElse("true")),
                Optional.ofNullable(context.getProperty("org.osgi.service.http.port")));
    }

    private static Optional<String> setting(BundleContext context, String property, String env) {
        String v = context.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
