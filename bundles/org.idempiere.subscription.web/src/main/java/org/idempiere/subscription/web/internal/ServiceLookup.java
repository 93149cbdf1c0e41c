package org.idempiere.subscription.web.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The OSGi services a servlet of this bundle uses, found through the bundle's own context.
 *
 * <p>The servlets are created by whoever deploys the web application: iDempiere's Jetty from
 * {@code WEB-INF/web.xml}, the sandbox from the same file onto the HTTP whiteboard. Neither can
 * inject services, so each servlet opens one lookup in {@code init()} and closes it in
 * {@code destroy()}. A service is looked up on every use, so services that come, go or are
 * replaced while the servlet runs are followed (decision 0029). Thread-safe.
 */
public final class ServiceLookup implements AutoCloseable {
    private final BundleContext context;
    private final Map<Class<?>, ServiceTracker<Object, Object>> trackers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private ServiceLookup(BundleContext context) {
        this.context = context;
    }

    /**
     * Opens a lookup in the context of the bundle that loaded {@code owner}.
     *
     * @throws IllegalStateException when {@code owner} was not loaded by a started OSGi bundle
     */
    public static ServiceLookup of(Class<?> owner) {
        Bundle bundle = FrameworkUtil.getBundle(owner);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            throw new IllegalStateException(owner.getName() + " must be loaded by a started OSGi bundle (bundle: "
                    + bundle + ")");
        }
        return new ServiceLookup(context);
    }

    /** @return the framework (or system) property, if set */
    public Optional<String> property(String name) {
        return Optional.ofNullable(context.getProperty(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** @return the best-ranked service of the type, if one is registered now */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(tracker(type).getService()));
    }

    /** @return every service of the type registered now, best-ranked first */
    public <T> List<T> all(Class<T> type) {
        ServiceTracker<Object, Object> tracker = tracker(type);
        ServiceReference<Object>[] refs = tracker.getServiceReferences();
        if (refs == null) {
            return List.of();
        }
        List<ServiceReference<Object>> sorted = new ArrayList<>(Arrays.asList(refs));
        sorted.sort(Comparator.<ServiceReference<Object>>naturalOrder().reversed());
        List<T> out = new ArrayList<>();
        for (ServiceReference<Object> ref : sorted) {
            Object s = tracker.getService(ref);
            if (s != null) {
                out.add(type.cast(s));
            }
        }
        return out;
    }

    /** @return a number that changes whenever a service of the type comes or goes */
    public int generation(Class<?> type) {
        return tracker(type).getTrackingCount();
    }

    private ServiceTracker<Object, Object> tracker(Class<?> type) {
        if (closed) {
            throw new IllegalStateException("the service lookup is closed");
        }
        return trackers.computeIfAbsent(type, t -> {
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, t.getName(), null);
            tracker.open();
            return tracker;
        });
    }

    @Override
    public void close() {
        closed = true;
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }
}
