package org.idempiere.subscription.sandbox.internal.http;

import java.time.LocalDate;
import org.idempiere.subscription.sandbox.internal.SandboxConfig;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Prints where the sandbox answers and with which key, once everything it needs is up. */
@Component(service = Banner.class, immediate = true)
public final class Banner {

    @Activate
    public Banner(BundleContext context, @Reference SandboxApiKey key, @Reference SandboxDatabase database,
            @Reference TestClock clock, @Reference SandboxRoutes routes) {
        SandboxConfig config = SandboxConfig.of(context);
        String base = "http://127.0.0.1:" + config.httpPort().orElse("8080") + "/subscriptions/api/v1";
        System.out.println();
        System.out.println("iDempiere Subscriptions sandbox");
        System.out.println("  API       " + base + "   (OpenAPI: " + base + "/openapi.json)");
        System.out.println("  API key   " + key.shown() + "   (from " + key.source() + ")");
        System.out.println("  Database  " + database.description());
        System.out.println("  Clock     " + LocalDate.now(clock) + (clock.isFrozen() ? " (test clock)" : " (system clock)"));
        System.out.println("  Try       curl -H 'Authorization: Bearer " + key.shown() + "' " + base + "/sandbox/customers");
        System.out.println("Press Ctrl-C to stop.");
        System.out.println();
    }
}
