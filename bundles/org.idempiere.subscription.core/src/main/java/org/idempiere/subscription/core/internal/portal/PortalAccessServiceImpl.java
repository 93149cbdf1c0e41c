package org.idempiere.subscription.core.internal.portal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.Contact;
import org.idempiere.subscription.api.host.ContactRef;
import org.idempiere.subscription.api.host.Customer;
import org.idempiere.subscription.api.host.Customers;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.host.Mailer;
import org.idempiere.subscription.api.host.Tx;
import org.idempiere.subscription.api.service.PortalAccessService;
import org.idempiere.subscription.api.service.PortalLink;
import org.idempiere.subscription.api.service.PortalSession;
import org.idempiere.subscription.core.internal.access.LinkIssuer;
import org.idempiere.subscription.core.internal.access.PortalSettings;
import org.idempiere.subscription.core.internal.access.Tokens;
import org.idempiere.subscription.core.internal.store.PortalStore;
import org.idempiere.subscription.core.internal.store.PortalStore.StoredLink;
import org.idempiere.subscription.core.internal.store.PortalStore.StoredSession;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Portal links and sessions in {@code SUB_PortalLink} and {@code SUB_PortalSession}, tokens from
 * {@link Tokens}. Settings of the host ({@link HostContext#setting}): {@value PortalSettings#LINK_DAYS}
 * (days a link opens sessions, default 30), {@value PortalSettings#SESSION_MINUTES} (idle minutes
 * before a session ends, default 60) and {@value PortalSettings#URL} (the portal's address, for the
 * links e-mailed).
 */
@Component(service = PortalAccessService.class)
public final class PortalAccessServiceImpl implements PortalAccessService {
    private static final System.Logger LOG = System.getLogger(PortalAccessServiceImpl.class.getName());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    /** A session's idle time is restarted at most this often (one write per minute, not per page). */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** The most contacts one address request sends links to. */
    private static final int MAX_CONTACTS_PER_REQUEST = 5;

    private final HostContext host;
    private final Customers customers;
    private final Mailer mailer;
    private final PortalSettings settings;
    private final LinkIssuer issuer;
    private final PortalStore store = new PortalStore();

    @Activate
    public PortalAccessServiceImpl(@Reference HostContext host, @Reference Customers customers, @Reference Mailer mailer) {
        this.host = host;
        this.customers = customers;
        this.mailer = mailer;
        this.issuer = new LinkIssuer(host);
        this.settings = issuer.settings();
    }

    @Override
    public PortalLink issueLink(long customerId, Optional<Long> contactId) {
        return host.inTransaction(tx -> {
            Recipient recipient = recipient(tx, customerId, contactId);
            return issue(tx, recipient);
        });
    }

    /** Who a link is for: the customer and, if named, its contact. */
    private record Recipient(Customer customer, Optional<Contact> contact) {
        Optional<String> email() {
            return contact.isPresent() ? contact.get().email() : customer.email();
        }

        String language() {
            return contact.map(Contact::language).orElse(customer.language());
        }

        String name() {
            return contact.map(Contact::name).orElse(customer.name());
        }
    }

    private Recipient recipient(Tx tx, long customerId, Optional<Long> contactId) {
        Customer customer = customers.find(tx, customerId).orElseThrow(() -> SubscriptionException.unknown("customerId", customerId));
        Optional<Contact> contact = Optional.empty();
        if (contactId.isPresent()) {
            contact = Optional.of(customers.contact(tx, customerId, contactId.get())
                    .orElseThrow(() -> SubscriptionException.unknown("contactId", contactId.get())));
        }
        return new Recipient(customer, contact);
    }

    private PortalLink issue(Tx tx, Recipient r) throws java.sql.SQLException {
        Optional<Long> contactId = r.contact().map(Contact::id);
        LinkIssuer.Issued i = issuer.issue(tx, r.customer().id(), contactId);
        return new PortalLink(i.id(), r.customer().id(), contactId, Optional.of(i.token()), i.url(), i.createdAt(), i.expiresAt(),
                Optional.empty(), Optional.empty());
    }

    @Override
    public PortalLink sendLink(long customerId, Optional<Long> contactId) {
        String url = settings.url().orElseThrow(() -> SubscriptionException.invalidState(PortalSettings.URL, "",
                "is not set: the host does not know the portal's address to e-mail"));
        Object[] issued = host.inTransaction(tx -> {
            Recipient r = recipient(tx, customerId, contactId);
            String to = r.email().filter(e -> !e.isBlank())
                    .orElseThrow(() -> SubscriptionException.invalid("email", "", "the customer or contact has no e-mail address"));
            return new Object[] {issue(tx, r), r, to};
        });
        PortalLink link = (PortalLink) issued[0];
        Recipient r = (Recipient) issued[1];
        try {
            mailer.send(PortalMail.message((String) issued[2], r.language(), r.name(), url + "/link/" + link.token().orElseThrow(),
                    link.expiresAt(), host.clock().getZone()));
        } catch (RuntimeException e) {
            host.inTransaction(tx -> store.revoke(tx.connection(), host.tenant(), customerId, Optional.of(link.id()),
                    now())); // a link nobody received opens nothing
            throw SubscriptionException.hostFailure("The portal link could not be e-mailed: " + e.getMessage(), e);
        }
        return withoutToken(link);
    }

    private static PortalLink withoutToken(PortalLink l) {
        return new PortalLink(l.id(), l.customerId(), l.contactId(), Optional.empty(), Optional.empty(), l.createdAt(),
                l.expiresAt(), l.revokedAt(), l.lastUsedAt());
    }

    @Override
    public void requestLink(String email) {
        if (email == null || email.isBlank()) {
            throw SubscriptionException.required("email");
        }
        String address = email.strip();
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw SubscriptionException.invalid("email", address, "is not an e-mail address");
        }
        List<ContactRef> found = host.inTransaction(tx -> customers.contactsByEmail(tx, address, MAX_CONTACTS_PER_REQUEST));
        for (ContactRef ref : found) {
            try {
                host.actingFor(ref.tenant(), () -> sendLink(ref.customerId(), Optional.of(ref.contactId())));
            } catch (RuntimeException e) { // the answer is the same: the asker learns nothing either way
                LOG.log(System.Logger.Level.WARNING, "A portal link asked for by e-mail was not sent to contact "
                        + ref.contactId() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Optional<PortalSession> openSession(String linkToken) {
        if (!Tokens.wellFormed(linkToken)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(linkToken);
        Optional<StoredLink> found = host.inTransaction(tx -> store.linkByToken(tx.connection(), hash, false));
        if (found.isEmpty() || !found.get().link().isActive(now())) {
            return Optional.empty();
        }
        Duration idle = settings.sessionIdle(); // read first: never while this call holds a connection
        return host.actingFor(found.get().issuedBy(), () -> host.inTransaction(tx -> {
            Optional<StoredLink> locked = store.linkByToken(tx.connection(), hash, true); // a revocation may have come between
            Instant now = now();
            if (locked.isEmpty() || !locked.get().link().isActive(now)) {
                return Optional.<PortalSession>empty();
            }
            PortalLink link = locked.get().link();
            Optional<Reader> reader = reader(tx, link.customerId(), link.contactId());
            if (reader.isEmpty()) {
                return Optional.<PortalSession>empty(); // the customer or contact is no longer active
            }
            String token = Tokens.newToken();
            Instant validTo = min(now.plus(idle), link.expiresAt());
            store.insertSession(tx.connection(), host.tenant(), host.nextId(tx, "SUB_PortalSession"), link.id(), link.customerId(),
                    link.contactId(), Tokens.hash(token), validTo, now);
            store.linkUsed(tx.connection(), link.id(), now);
            return Optional.of(new PortalSession(Optional.of(token), Tokens.csrfOf(token), locked.get().issuedBy(), link.id(),
                    link.customerId(), link.contactId(), reader.get().language(), validTo, reader.get().customerName()));
        }));
    }

    /** Who reads the portal: the contact's (else the customer's) language and the customer's name. */
    private record Reader(String language, String customerName) {
    }

    /** The session's reader; empty when the customer or the contact is no longer active. */
    private Optional<Reader> reader(Tx tx, long customerId, Optional<Long> contactId) {
        Optional<Customer> customer = customers.find(tx, customerId);
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        if (contactId.isPresent()) {
            return customers.contact(tx, customerId, contactId.get()).map(c -> new Reader(c.language(), customer.get().name()));
        }
        return Optional.of(new Reader(customer.get().language(), customer.get().name()));
    }

    @Override
    public Optional<PortalSession> session(String sessionToken) {
        if (!Tokens.wellFormed(sessionToken)) {
            return Optional.empty();
        }
        long client = host.tenant().clientId();
        // a session of the client this call acts for already (every session, in a host of one
        // tenant): found and resumed in one transaction, acting for its organization and user,
        // which no host checks in the database; another client's: resumed in a second
        // transaction, acting for it (a host may check that client first, never while holding a connection)
        Lookup first = host.inTransaction(tx -> {
            Optional<StoredSession> found = store.sessionByToken(tx.connection(), Tokens.hash(sessionToken));
            Instant now = now();
            if (found.isEmpty() || !now.isBefore(found.get().validTo()) || !now.isBefore(found.get().linkValidTo())) {
                return new Lookup(Optional.empty(), now, Optional.empty());
            }
            StoredSession s = found.get();
            if (s.issuedBy().clientId() == client) {
                return new Lookup(found, now, Optional.of(host.actingFor(s.issuedBy(), () -> {
                    try {
                        return resume(tx, s, sessionToken, now);
                    } catch (java.sql.SQLException e) {
                        throw SubscriptionException.hostFailure("Database error: " + e.getMessage(), e);
                    }
                })));
            }
            return new Lookup(found, now, Optional.empty());
        });
        if (first.session().isEmpty()) {
            return Optional.empty();
        }
        StoredSession s = first.session().get();
        Optional<PortalSession> resumed = first.resumed().isPresent() ? first.resumed().get()
                : host.actingFor(s.issuedBy(), () -> host.inTransaction(tx -> resume(tx, s, sessionToken, first.now())));
        return resumed.map(r -> touched(s, r, first.now()));
    }

    /**
     * Restarts a session's idle time, at most every {@link #TOUCH_EVERY}: after the reads, as the
     * idle setting is read in a transaction of its own (never while a transaction holds a connection).
     */
    private PortalSession touched(StoredSession s, PortalSession session, Instant now) {
        if (s.lastUsed().map(t -> !t.plus(TOUCH_EVERY).isBefore(now)).orElse(false)) {
            return session;
        }
        Instant validTo = min(now.plus(settings.sessionIdle()), s.linkValidTo());
        host.actingFor(s.issuedBy(), () -> host.inTransaction(tx -> {
            store.touchSession(tx.connection(), s.id(), validTo, now);
            return null;
        }));
        return new PortalSession(session.token(), session.csrfToken(), session.tenant(), session.linkId(), session.customerId(),
                session.contactId(), session.language(), validTo, session.customerName());
    }

    /** A session read: the live one of the token, if any, when it was read, and, once resumed, what it resumed as. */
    private record Lookup(Optional<StoredSession> session, Instant now, Optional<Optional<PortalSession>> resumed) {
    }

    /**
     * Resumes a live session in {@code tx}, acting for its tenant: empty when its customer or
     * contact is no longer active. Its idle time is restarted afterwards ({@link #touched}).
     */
    private Optional<PortalSession> resume(Tx tx, StoredSession s, String sessionToken, Instant now) throws java.sql.SQLException {
        return reader(tx, s.customerId(), s.contactId()).map(r -> new PortalSession(Optional.empty(), Tokens.csrfOf(sessionToken),
                s.issuedBy(), s.linkId(), s.customerId(), s.contactId(), r.language(), s.validTo(), r.customerName()));
    }

    @Override
    public void endSession(String sessionToken) {
        if (Tokens.wellFormed(sessionToken)) {
            host.inTransaction(tx -> {
                store.endSession(tx.connection(), Tokens.hash(sessionToken), now());
                return null;
            });
        }
    }

    @Override
    public List<PortalLink> links(long customerId) {
        return host.inTransaction(tx -> {
            customers.find(tx, customerId).orElseThrow(() -> SubscriptionException.unknown("customerId", customerId));
            return store.links(tx.connection(), host.tenant(), customerId).stream().map(StoredLink::link).toList();
        });
    }

    @Override
    public PortalLink revokeLink(long linkId) {
        return host.inTransaction(tx -> {
            StoredLink l = store.link(tx.connection(), host.tenant(), linkId)
                    .orElseThrow(() -> SubscriptionException.unknown("linkId", linkId));
            store.revoke(tx.connection(), host.tenant(), l.link().customerId(), Optional.of(linkId), now());
            return store.link(tx.connection(), host.tenant(), linkId).orElseThrow().link();
        });
    }

    @Override
    public int revokeAll(long customerId) {
        return host.inTransaction(tx -> {
            customers.find(tx, customerId).orElseThrow(() -> SubscriptionException.unknown("customerId", customerId));
            return store.revoke(tx.connection(), host.tenant(), customerId, Optional.empty(), now());
        });
    }

    /** Now on the host's clock, to the millisecond: what the database keeps of it, so answers and stored rows agree. */
    private Instant now() {
        return host.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
