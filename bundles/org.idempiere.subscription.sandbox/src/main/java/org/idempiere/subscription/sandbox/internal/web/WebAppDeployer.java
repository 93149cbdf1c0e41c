package org.idempiere.subscription.sandbox.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.idempiere.subscription.sandbox.internal.http.SandboxRoutes;
import org.idempiere.subscription.web.rest.ApiKeyVerifier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.util.tracker.BundleTracker;

/**
 * Serves the web application bundles of the runtime (a {@code Web-ContextPath} header and a
 * {@code WEB-INF/web.xml}) on the OSGi HTTP whiteboard, as iDempiere's Jetty deploys them: the
 * very servlet and filter classes the descriptor names, created from the bundle, with its URL
 * patterns, in a servlet context at the bundle's context path (so a servlet sees the same context
 * path, servlet path and path info in both). Jetty's own OSGi deployer is not available to the
 * sandbox (decision 0029).
 *
 * <p>It starts once the sandbox can answer (its API key and its routes are up), like the API
 * servlet used to, and withdraws a bundle's registrations when the bundle stops.
 */
@Component(service = WebAppDeployer.class, immediate = true)
public final class WebAppDeployer {
    private static final System.Logger LOG = System.getLogger(WebAppDeployer.class.getName());
    static final String CONTEXT_PATH = "Web-ContextPath";
    private static final String WHITEBOARD = "osgi.http.whiteboard.";

    private final BundleContext context;
    private final BundleTracker<List<ServiceRegistration<?>>> tracker;

    @Activate
    public WebAppDeployer(BundleContext context, @Reference ApiKeyVerifier keys, @Reference SandboxRoutes routes) {
        this.context = context;
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public List<ServiceRegistration<?>> addingBundle(Bundle bundle, BundleEvent event) {
                return bundle.getHeaders("").get(CONTEXT_PATH) == null ? null : deploy(bundle);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> registrations) {
                undeploy(registrations);
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    private List<ServiceRegistration<?>> deploy(Bundle bundle) {
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        String contextName = bundle.getSymbolicName();
        try {
            WebXml webXml = descriptor(bundle);
            String path = contextPath(bundle.getHeaders("").get(CONTEXT_PATH));
            Hashtable<String, Object> ctx = new Hashtable<>();
            ctx.put(WHITEBOARD + "context.name", contextName);
            ctx.put(WHITEBOARD + "context.path", path);
            registrations.add(context.registerService(ServletContextHelper.class, new ServletContextHelper(bundle) {
            }, ctx));
            String select = "(" + WHITEBOARD + "context.name=" + contextName + ")";
            for (WebXml.Filter f : webXml.filters()) {
                Hashtable<String, Object> p = properties(select, f.initParams(), "filter.init.");
                p.put(WHITEBOARD + "filter.name", f.name());
                putArray(p, WHITEBOARD + "filter.pattern", f.patterns());
                putArray(p, WHITEBOARD + "filter.servlet", f.servletNames());
                registrations.add(context.registerService(javax.servlet.Filter.class,
                        (javax.servlet.Filter) create(bundle, f.className()), p));
            }
            for (WebXml.Servlet s : webXml.servlets()) {
                Hashtable<String, Object> p = properties(select, s.initParams(), "servlet.init.");
                p.put(WHITEBOARD + "servlet.name", s.name());
                putArray(p, WHITEBOARD + "servlet.pattern", s.patterns());
                registrations.add(context.registerService(javax.servlet.Servlet.class,
                        (javax.servlet.Servlet) create(bundle, s.className()), p));
            }
            return registrations;
        } catch (IOException | ReflectiveOperationException | ClassCastException e) {
            LOG.log(System.Logger.Level.ERROR, "the web application of " + contextName + " cannot be served: " + e.getMessage(), e);
            undeploy(registrations);
            return null;
        }
    }

    private static void undeploy(List<ServiceRegistration<?>> registrations) {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the framework
            }
        }
    }

    /** @return the bundle's {@code WEB-INF/web.xml} */
    static WebXml descriptor(Bundle bundle) throws IOException {
        URL url = bundle.getEntry("WEB-INF/web.xml");
        if (url == null) {
            throw new IOException(bundle.getSymbolicName() + " has a Web-ContextPath but no WEB-INF/web.xml");
        }
        try (InputStream in = url.openStream()) {
            return WebXml.parse(in);
        }
    }

    /** @return the header's path with one leading '/' and none at the end: {@code /subscriptions} */
    static String contextPath(String header) {
        String p = header.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    private static Object create(Bundle bundle, String className) throws ReflectiveOperationException {
        return bundle.loadClass(className).getConstructor().newInstance();
    }

    private static Hashtable<String, Object> properties(String select, Map<String, String> initParams, String prefix) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(WHITEBOARD + "context.select", select);
        initParams.forEach((k, v) -> p.put(prefix + k, v));
        return p;
    }

    private static void putArray(Hashtable<String, Object> p, String key, List<String> values) {
        if (!values.isEmpty()) {
            p.put(key, values.toArray(new String[0]));
        }
    }
}
