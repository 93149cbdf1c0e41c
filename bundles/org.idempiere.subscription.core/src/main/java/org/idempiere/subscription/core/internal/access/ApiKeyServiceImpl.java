package org.idempiere.subscription.core.internal.access;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Tenant;
import org.idempiere.subscription.api.service.ApiKey;
import org.idempiere.subscription.api.service.ApiKeyService;
import org.idempiere.subscription.core.internal.store.ApiKeyStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keys of the JSON API in {@code SUB_ApiKey}: secrets {@code sk_} + a {@link Tokens token}, kept as
 * SHA-256; the first characters kept in clear ({@code KeyPrefix}) to tell keys apart. Expiry is
 * checked on the host's clock; the last use is recorded at most once a minute.
 */
@Component(service = ApiKeyService.class)
public final class ApiKeyServiceImpl implements ApiKeyService {
    private static final String SCHEME = "sk_";
    private static final Pattern FORM = Pattern.compile("sk_[A-Za-z0-9_-]{" + Tokens.LENGTH + "}");
    private static final int PREFIX = SCHEME.length() + 6;
    private final HostContext host;
    private final ApiKeyStore store = new ApiKeyStore();

    @Activate
    public ApiKeyServiceImpl(@Reference HostContext host) {
        this.host = host;
    }

    @Override
    public Generated create(String name, Optional<Instant> validTo) {
        if (name == null || name.isBlank()) {
            throw SubscriptionException.required("name");
        }
        String n = name.strip();
        if (n.length() > 60) {
            throw SubscriptionException.invalid("name", n, "is longer than 60 characters");
        }
        Instant now = now();
        if (validTo.isPresent() && !validTo.get().isAfter(now)) {
            throw SubscriptionException.invalid("validTo", validTo.get(), "is not in the future");
        }
        String secret = SCHEME + Tokens.newToken();
        return host.inTransaction(tx -> {
            long id = host.nextId(tx, "SUB_ApiKey");
            store.insert(tx.connection(), host.tenant(), id, n, Tokens.hash(secret), secret.substring(0, PREFIX),
                    validTo.map(t -> t.truncatedTo(ChronoUnit.MILLIS)));
            return new Generated(store.find(tx.connection(), host.tenant(), id).orElseThrow().key(), secret);
        });
    }

    @Override
    public Generated regenerate(long keyId) {
        String secret = SCHEME + Tokens.newToken();
        return host.inTransaction(tx -> {
            if (!store.setSecret(tx.connection(), host.tenant(), keyId, Tokens.hash(secret), secret.substring(0, PREFIX))) {
                throw SubscriptionException.unknown("keyId", keyId);
            }
            return new Generated(store.find(tx.connection(), host.tenant(), keyId).orElseThrow().key(), secret);
        });
    }

    @Override
    public Optional<Tenant> authenticate(String presentedKey) {
        if (presentedKey == null || !FORM.matcher(presentedKey).matches()) {
            return Optional.empty();
        }
        return host.inTransaction(tx -> {
            Optional<ApiKeyStore.Stored> found = store.byHash(tx.connection(), Tokens.hash(presentedKey));
            Instant now = now();
            if (found.isEmpty() || !found.get().key().active()
                    || found.get().key().validTo().map(t -> !now.isBefore(t)).orElse(false)) {
                return Optional.<Tenant>empty();
            }
            store.used(tx.connection(), found.get().key().id(), now, now.minus(Duration.ofMinutes(1)));
            return Optional.of(found.get().tenant());
        });
    }

    @Override
    public List<ApiKey> list() {
        return host.inTransaction(tx -> store.list(tx.connection(), host.tenant()));
    }

    @Override
    public ApiKey revoke(long keyId) {
        return host.inTransaction(tx -> {
            if (!store.deactivate(tx.connection(), host.tenant(), keyId)) {
                throw SubscriptionException.unknown("keyId", keyId);
            }
            return store.find(tx.connection(), host.tenant(), keyId).orElseThrow().key();
        });
    }

    private Instant now() {
        return host.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
