package org.idempiere.subscription.web.internal.portal;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The portal's FreeMarker templates, {@code portal/templates/*.ftlh} of this bundle, loaded with
 * its class loader (decision 0028).
 * <ul>
 * <li>Every template is HTML: {@code ${...}} is escaped, always (the {@code .ftlh} extension and
 * the HTML output format).</li>
 * <li>No template can reach Java: the data model is wrapped by {@link SimpleObjectWrapper}, which
 * takes only strings, numbers, booleans, dates, maps, lists and the portal's own
 * {@code t(...)} method, and refuses any other object; {@code ?new} resolves no class and
 * {@code ?api} is off.</li>
 * <li>A missing value or any other template error fails the page (shown as the error page), it is
 * never half-rendered.</li>
 * </ul>
 * Templates are read once and kept: they cannot change inside a bundle. Thread-safe once built.
 */
public final class Templates {
    static final String FOLDER = "portal/templates";

    private final Configuration config;

    /** The templates of this bundle. */
    Templates() {
        this(Templates.class.getClassLoader());
    }

    /** The templates {@code loader} finds in {@link #FOLDER}, with the same settings. */
    Templates(ClassLoader loader) {
        this(loader, FOLDER);
    }

    /** The templates {@code loader} finds in {@code folder} (another page's, e.g. {@code seller/templates}), with the same settings. */
    public Templates(ClassLoader loader, String folder) {
        config = new Configuration(Configuration.VERSION_2_3_35);
        config.setClassLoaderForTemplateLoading(loader, folder);
        config.setDefaultEncoding("UTF-8");
        config.setRecognizeStandardFileExtensions(true);
        config.setOutputFormat(HTMLOutputFormat.INSTANCE);
        config.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        config.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_35));
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        config.setAPIBuiltinEnabled(false);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        config.setLocalizedLookup(false);
        config.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    }

    /**
     * Renders {@code <name>.ftlh} with the model.
     *
     * @throws IOException when the template is missing or fails
     */
    public void render(String name, Map<String, Object> model, Writer out) throws IOException {
        try {
            config.getTemplate(name + ".ftlh").process(model, out);
        } catch (TemplateException e) {
            throw new IOException("template " + name + " failed: " + e.getMessage(), e);
        }
    }
}
