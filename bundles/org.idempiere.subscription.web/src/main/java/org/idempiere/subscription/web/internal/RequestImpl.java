package org.idempiere.subscription.web.internal;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.web.rest.JsonBody;
import org.idempiere.subscription.web.rest.RestRequest;

/** A {@link RestRequest} over a servlet request whose body was read already. */
final class RequestImpl implements RestRequest {
    private final HttpServletRequest request;
    private final Map<String, String> variables;
    private final String body;

    RequestImpl(HttpServletRequest request, Map<String, String> variables, String body) {
        this.request = request;
        this.variables = variables;
        this.body = body;
    }

    @Override
    public long pathId(String name) {
        return parseId(name, variables.get(name));
    }

    private static long parseId(String name, String text) {
        if (text == null || text.isEmpty()) {
            throw SubscriptionException.required(name);
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SubscriptionException.invalid(name, text, "must be a positive integer id");
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(request.getParameter(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public long queryId(String name) {
        return parseId(name, query(name).orElse(null));
    }

    @Override
    public Optional<LocalDate> queryDate(String name) {
        return query(name).map(s -> JsonBody.parseDate(name, s));
    }

    @Override
    public JsonBody body() {
        return JsonBody.parse(body);
    }

    @Override
    public JsonBody bodyOrEmpty() {
        return body == null || body.isBlank() ? JsonBody.empty() : body();
    }
}
