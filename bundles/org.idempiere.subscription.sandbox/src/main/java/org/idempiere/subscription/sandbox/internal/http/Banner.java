package org.idempiere.subscription.sandbox.internal.http;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idempiere.subscription.sandbox.internal.db.SandboxDatabase;
import org.idempiere.subscription.sandbox.internal.host.TestClock;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Prints where the sandbox answers and with which key, once everything it needs is up and the
 * HTTP server has published its address: the real port, also when the sandbox was started on
 * port 0 (any free port), as the benchmark does.
 */
@Component(service = Banner.class, immediate = true)
public final class Banner {
    /** The HTTP whiteboard runtime, named by its class so the bundle needs no import for it. */
    private static final String HTTP_RUNTIME = "(&(objectClass=org.osgi.service.http.runtime.HttpServiceRuntime)"
            + "(osgi.http.endpoint=*))";

    private final BundleContext context;
    private final SandboxApiKey key;
    private final SandboxDatabase database;
    private final TestClock clock;
    private final AtomicBoolean printed = new AtomicBoolean();
    private final ServiceListener listener = this::serviceChanged;

    @Activate
    public Banner(BundleContext context, @Reference SandboxApiKey key, @Reference SandboxDatabase database,
            @Reference TestClock clock, @Reference SandboxRoutes routes) throws InvalidSyntaxException {
        this.context = context;
        this.key = key;
        this.database = database;
        this.clock = clock;
        context.addServiceListener(listener, HTTP_RUNTIME);
        ServiceReference<?>[] present = context.getServiceReferences((String) null, HTTP_RUNTIME);
        if (present != null && present.length > 0) {
            print(present[0]);
        }
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(listener);
    }

    private void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED || event.getType() == ServiceEvent.MODIFIED) {
            print(event.getServiceReference());
        }
    }

    private void print(ServiceReference<?> httpRuntime) {
        String endpoint = endpoint(httpRuntime.getProperty("osgi.http.endpoint"));
        if (endpoint == null || !printed.compareAndSet(false, true)) {
            return;
        }
        String base = endpoint + "/subscriptions/api/v1";
        System.out.println();
        System.out.println("iDempiere Subscriptions sandbox");
        System.out.println("  API       " + base + "   (OpenAPI: " + base + "/openapi.json)");
        System.out.println("  Portal    " + endpoint + "/subscriptions/portal/request-link");
        System.out.println("  Analytics " + endpoint + "/subscriptions/seller/sign-in   (sign in with the API key)");
        System.out.println("  API key   " + key.shown() + "   (from " + key.source() + ")");
        System.out.println("  Database  " + database.description());
        System.out.println("  Clock     " + LocalDate.now(clock) + (clock.isFrozen() ? " (test clock)" : " (system clock)"));
        System.out.println("  Try       curl -H 'Authorization: Bearer " + key.shown() + "' " + base + "/sandbox/customers");
        System.out.println("Press Ctrl-C to stop.");
        System.out.println();
    }

    /** The first address the HTTP runtime publishes ({@code http://127.0.0.1:8080/}), without the final '/'. */
    static String endpoint(Object property) {
        Object first = property instanceof String[] a ? (a.length == 0 ? null : a[0])
                : property instanceof java.util.Collection<?> c ? (c.isEmpty() ? null : c.iterator().next()) : property;
        if (!(first instanceof String s) || s.isBlank()) {
            return null;
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
