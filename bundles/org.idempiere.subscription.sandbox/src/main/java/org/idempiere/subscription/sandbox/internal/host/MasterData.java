package org.idempiere.subscription.sandbox.internal.host;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idempiere.subscription.api.InputLimits;
import org.idempiere.subscription.api.Money;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.CurrencyRef;
import org.idempiere.subscription.api.host.Currencies;
import org.idempiere.subscription.api.host.HostContext;
import org.idempiere.subscription.api.service.TemplateService;
import org.idempiere.subscription.sandbox.internal.db.Rows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Creates and lists the reference host's master data (customers, products with prices, tax
 * rates), validating every field as an ERP would. Each call is one transaction.
 */
@Component(service = MasterData.class)
public final class MasterData {
    /** The date from which a price given without one is valid. */
    public static final LocalDate ALWAYS = LocalDate.of(1970, 1, 1);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private final HostContext host;
    private final Currencies currencies;
    private final TemplateService templates;

    @Activate
    public MasterData(@Reference HostContext host, @Reference Currencies currencies, @Reference TemplateService templates) {
        this.host = host;
        this.currencies = currencies;
        this.templates = templates;
    }

    /** A sales representative (a user who may be named on orders). */
    public record SalesRepRow(long id, String name, Optional<String> email) {
    }

    public SalesRepRow createSalesRep(String name, Optional<String> email) {
        text("name", name, 120);
        email.ifPresent(e -> {
            if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
                throw SubscriptionException.invalid("email", e, "is not an e-mail address");
            }
        });
        return host.inTransaction(tx -> {
            long id = Rows.nextId(tx.connection());
            Rows.update(tx.connection(), "INSERT INTO sbx_user (ad_user_id, ad_client_id, name, email, is_salesrep)"
                    + " VALUES (?, ?, ?, ?, 'Y')", id, client(), name, email.orElse(null));
            return new SalesRepRow(id, name, email);
        });
    }

    public List<SalesRepRow> salesReps() {
        return host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT ad_user_id, name, email FROM sbx_user"
                + " WHERE ad_client_id = ? AND is_salesrep = 'Y' ORDER BY ad_user_id",
                rs -> new SalesRepRow(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3))), client()));
    }

    /** A customer as the sandbox API shows it. */
    public record CustomerRow(long id, String name, Optional<String> email, String countryCode, Optional<String> region,
            String language, long billToLocationId, long contactUserId) {
    }

    /** A product with its current price on a currency's default price list. */
    public record ProductRow(long id, String name, String taxCategory, long uomId, Optional<Long> subscriptionTemplateId,
            List<PriceRow> prices) {
    }

    /** One dated price of a product. */
    public record PriceRow(long priceListId, String currency, LocalDate validFrom, BigDecimal price) {
    }

    /** A price list: its currency and whether its prices include tax (iDempiere's {@code IsTaxIncluded}). */
    public record PriceListRow(long id, String name, String currency, boolean taxIncluded, boolean isDefault) {
    }

    /** A tax rate. */
    public record TaxRateRow(long id, String name, String countryCode, Optional<String> region, String taxCategory,
            BigDecimal ratePercent, LocalDate validFrom) {
    }

    public CustomerRow createCustomer(String name, Optional<String> email, String countryCode, Optional<String> region,
            Optional<String> language) {
        text("name", name, 120);
        email.ifPresent(e -> {
            if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
                throw SubscriptionException.invalid("email", e, "is not an e-mail address");
            }
        });
        country("countryCode", countryCode);
        region.ifPresent(r -> text("region", r, 10));
        String lang = InputLimits.language("language", language.orElse("en_US"));
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            long id = Rows.nextId(c);
            long location = Rows.nextId(c);
            long contact = Rows.nextId(c);
            Rows.update(c, "INSERT INTO sbx_customer (c_bpartner_id, ad_client_id, name, email, ad_language) VALUES (?, ?, ?, ?, ?)",
                    id, client(), name, email.orElse(null), lang);
            Rows.update(c, "INSERT INTO sbx_location (c_bpartner_location_id, c_bpartner_id, ad_client_id, country_code, region)"
                    + " VALUES (?, ?, ?, ?, ?)", location, id, client(), countryCode, region.orElse(null));
            Rows.update(c, "INSERT INTO sbx_user (ad_user_id, ad_client_id, c_bpartner_id, name, email) VALUES (?, ?, ?, ?, ?)",
                    contact, client(), id, name, email.orElse(null));
            return new CustomerRow(id, name, email, countryCode, region, lang, location, contact);
        });
    }

    public List<CustomerRow> customers() {
        return host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT c.c_bpartner_id, c.name, c.email, l.country_code,"
                + " l.region, c.ad_language, l.c_bpartner_location_id, (SELECT MIN(u.ad_user_id) FROM sbx_user u"
                + " WHERE u.c_bpartner_id = c.c_bpartner_id) FROM sbx_customer c JOIN sbx_location l"
                + " ON l.c_bpartner_id = c.c_bpartner_id AND l.is_bill_to = 'Y' WHERE c.ad_client_id = ? ORDER BY c.c_bpartner_id",
                rs -> new CustomerRow(rs.getLong(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getLong(8)), client()));
    }

    public ProductRow createProduct(String name, String taxCategory, BigDecimal price, String currency,
            Optional<LocalDate> validFrom) {
        return createProduct(name, taxCategory, price, currency, validFrom, Optional.empty());
    }

    /**
     * A product; with a plan it is a recurring product, and an order line for it becomes a
     * subscription line of that plan.
     */
    public ProductRow createProduct(String name, String taxCategory, BigDecimal price, String currency,
            Optional<LocalDate> validFrom, Optional<Long> subscriptionTemplateId) {
        text("name", name, 120);
        match("taxCategory", taxCategory, CATEGORY, "is not a tax category such as STANDARD");
        checkPrice(price, currency);
        if (subscriptionTemplateId.isPresent() && templates.find(subscriptionTemplateId.get()).isEmpty()) {
            throw SubscriptionException.unknown("subscriptionTemplateId", subscriptionTemplateId.get());
        }
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            long id = Rows.nextId(c);
            Rows.update(c, "INSERT INTO sbx_product (m_product_id, ad_client_id, name, tax_category, is_subscription,"
                    + " sub_template_id) VALUES (?, ?, ?, ?, ?, ?)", id, client(), name, taxCategory,
                    subscriptionTemplateId.isPresent() ? "Y" : "N", subscriptionTemplateId.orElse(null));
            insertPrice(tx, id, price, currency, validFrom.orElse(ALWAYS));
            return product(c, id).orElseThrow();
        });
    }

    /**
     * Lets a product be sold in another unit of measure: one {@code uomId} holds
     * {@code productUnits} of the product's own unit.
     */
    public void addUomConversion(long productId, long uomId, BigDecimal productUnits) {
        if (productUnits == null || productUnits.signum() <= 0 || productUnits.compareTo(InputLimits.MAX_QUANTITY) > 0) {
            throw SubscriptionException.invalid("productUnits", productUnits, "must be above 0 and at most " + InputLimits.MAX_QUANTITY);
        }
        host.inTransaction(tx -> {
            ProductRow p = product(tx.connection(), productId).orElseThrow(() -> SubscriptionException.notFound("Product", productId));
            if (p.uomId() == uomId) {
                throw SubscriptionException.invalid("uomId", uomId, "is the product's own unit of measure");
            }
            try (java.sql.PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO sbx_uom_conversion"
                    + " (m_product_id, c_uom_id, product_units) VALUES (?, ?, ?)")) {
                ps.setLong(1, productId);
                ps.setLong(2, uomId);
                ps.setBigDecimal(3, productUnits);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Marks an invoice of the tenant paid in full (the sandbox has no payments yet). */
    public void payInvoice(long invoiceId) {
        host.inTransaction(tx -> {
            try (java.sql.PreparedStatement ps = tx.connection().prepareStatement("UPDATE sbx_invoice SET is_paid = 'Y'"
                    + " WHERE ad_client_id = ? AND c_invoice_id = ?")) {
                ps.setLong(1, org.idempiere.subscription.sandbox.internal.host.ReferenceHostContext.current().clientId());
                ps.setLong(2, invoiceId);
                if (ps.executeUpdate() == 0) {
                    throw SubscriptionException.notFound("Invoice", invoiceId);
                }
            }
            return null;
        });
    }

    /**
     * A reversal of an invoice in the reference host.
     *
     * @param invoiceId  the reversed invoice
     * @param reversalId the reversal invoice (lines negated)
     * @param documentNo the reversal's document number: the original's with {@code ^}
     * @param date       the reversal's invoice date
     * @param already    true when the invoice was reversed before: nothing was written now
     */
    public record ReversalRow(long invoiceId, long reversalId, String documentNo, LocalDate date, boolean already) {
    }

    /**
     * Voids (reverses) a completed invoice as iDempiere reverses one: a reversal invoice dated
     * {@code date} with the original's lines, taxes and totals negated, completed and marked
     * reversed, both linked through {@code reversal_id}; the original becomes reversed and paid.
     * Reversing a reversed invoice again answers the first reversal and writes nothing. Joins the
     * caller's transaction when there is one.
     *
     * @throws SubscriptionException NOT_FOUND for an invoice the tenant does not have; REQUIRED
     *         {@code date}; INVALID_VALUE {@code date} before the invoice's date; INVALID_STATE for an
     *         invoice that is not completed (a reversal itself)
     */
    public ReversalRow reverseInvoice(long invoiceId, LocalDate date) {
        if (date == null) {
            throw SubscriptionException.required("date");
        }
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            record Original(String documentNo, String status, LocalDate dateInvoiced, Long reversalId) {
            }
            Original o = Rows.first(c, "SELECT document_no, doc_status, date_invoiced, reversal_id FROM sbx_invoice"
                    + " WHERE ad_client_id = ? AND c_invoice_id = ? FOR UPDATE", rs -> new Original(rs.getString(1), rs.getString(2),
                            rs.getDate(3).toLocalDate(), rs.getObject(4) == null ? null : rs.getLong(4)), client(), invoiceId)
                    .orElseThrow(() -> SubscriptionException.notFound("Invoice", invoiceId));
            if ("RE".equals(o.status()) && o.reversalId() != null) {
                return Rows.first(c, "SELECT c_invoice_id, document_no, date_invoiced FROM sbx_invoice WHERE c_invoice_id = ?",
                        rs -> new ReversalRow(invoiceId, rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), true),
                        o.reversalId()).orElseThrow();
            }
            if (!"CO".equals(o.status()) && !"CL".equals(o.status())) {
                throw SubscriptionException.invalidState("invoiceId", invoiceId, "is " + o.status() + ", not completed: it cannot be reversed");
            }
            if (date.isBefore(o.dateInvoiced())) {
                throw SubscriptionException.invalid("date", date, "is before the invoice's date (" + o.dateInvoiced() + ")");
            }
            long reversal = Rows.nextId(c);
            String documentNo = o.documentNo() + "^";
            Rows.update(c, "INSERT INTO sbx_invoice (c_invoice_id, ad_client_id, document_no, doc_status, c_bpartner_id,"
                    + " c_bpartner_location_id, c_currency_id, m_pricelist_id, date_invoiced, description, total_lines, total_tax,"
                    + " grand_total, is_tax_included, ad_org_id, ad_user_id, salesrep_id, is_paid, reversal_id)"
                    + " SELECT ?, ad_client_id, ?, 'RE', c_bpartner_id, c_bpartner_location_id, c_currency_id, m_pricelist_id, ?,"
                    + " '{->' || document_no || ')', -total_lines, -total_tax, -grand_total, is_tax_included, ad_org_id, ad_user_id,"
                    + " salesrep_id, 'Y', c_invoice_id FROM sbx_invoice WHERE c_invoice_id = ?", reversal, documentNo, date, invoiceId);
            Rows.update(c, "INSERT INTO sbx_invoiceline (c_invoiceline_id, c_invoice_id, line, m_product_id, qty, c_uom_id,"
                    + " price_actual, line_net, c_tax_id, tax_rate, period_start, period_end, description)"
                    + " SELECT nextval('sbx_id_sq'), ?, line, m_product_id, -qty, c_uom_id, price_actual, -line_net, c_tax_id, tax_rate,"
                    + " period_start, period_end, description FROM sbx_invoiceline WHERE c_invoice_id = ? ORDER BY line", reversal, invoiceId);
            Rows.update(c, "INSERT INTO sbx_invoicetax (c_invoice_id, c_tax_id, rate, taxable_amt, tax_amt) SELECT ?, c_tax_id, rate,"
                    + " -taxable_amt, -tax_amt FROM sbx_invoicetax WHERE c_invoice_id = ?", reversal, invoiceId);
            Rows.update(c, "UPDATE sbx_invoice SET doc_status = 'RE', is_paid = 'Y', reversal_id = ? WHERE c_invoice_id = ?", reversal,
                    invoiceId);
            return new ReversalRow(invoiceId, reversal, documentNo, date, false);
        });
    }

    /** Adds a dated price (a new price list version) for a product in a currency. */
    public ProductRow addPrice(long productId, BigDecimal price, String currency, LocalDate validFrom) {
        checkPrice(price, currency);
        return host.inTransaction(tx -> {
            product(tx.connection(), productId).orElseThrow(() -> SubscriptionException.notFound("Product", productId));
            insertPrice(tx, productId, price, currency, validFrom);
            return product(tx.connection(), productId).orElseThrow();
        });
    }

    /**
     * Creates a price list; prices are added to it with {@link #addPrice(long, BigDecimal, long, LocalDate)}.
     * As its currency's default ({@code isDefault}, replacing the previous default) it is the one
     * new subscriptions and orders in that currency are priced from, and the one prices given with
     * that currency go to.
     */
    public PriceListRow createPriceList(String name, String currency, boolean taxIncluded, boolean isDefault) {
        text("name", name, 60);
        if (currency == null) {
            throw SubscriptionException.required("currency");
        }
        Money.currency("currency", currency);
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            CurrencyRef ref = currencies.byIsoCode(tx, currency).orElseThrow(() -> SubscriptionException.unknown("currency", currency));
            long id = Rows.nextId(c);
            if (isDefault) {
                Rows.update(c, "UPDATE sbx_pricelist SET is_default = 'N' WHERE ad_client_id = ? AND c_currency_id = ?"
                        + " AND is_default = 'Y'", client(), ref.id());
            }
            Rows.update(c, "INSERT INTO sbx_pricelist (m_pricelist_id, ad_client_id, name, c_currency_id, is_default, is_tax_included)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", id, client(), name, ref.id(), isDefault ? "Y" : "N", taxIncluded ? "Y" : "N");
            return new PriceListRow(id, name, ref.isoCode(), taxIncluded, isDefault);
        });
    }

    public List<PriceListRow> priceLists() {
        return host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT pl.m_pricelist_id, pl.name, cur.iso_code,"
                + " pl.is_tax_included, pl.is_default FROM sbx_pricelist pl JOIN sbx_currency cur ON cur.c_currency_id = pl.c_currency_id"
                + " WHERE pl.ad_client_id = ? ORDER BY pl.m_pricelist_id", rs -> new PriceListRow(rs.getLong(1), rs.getString(2),
                        rs.getString(3).strip(), "Y".equals(rs.getString(4)), "Y".equals(rs.getString(5))), client()));
    }

    /** Adds a dated price for a product on a given price list (in that list's currency, gross if it includes tax). */
    public ProductRow addPrice(long productId, BigDecimal price, long priceListId, LocalDate validFrom) {
        InputLimits.price("price", price);
        if (validFrom == null) {
            throw SubscriptionException.required("validFrom");
        }
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            product(c, productId).orElseThrow(() -> SubscriptionException.notFound("Product", productId));
            Rows.first(c, "SELECT m_pricelist_id FROM sbx_pricelist WHERE ad_client_id = ? AND m_pricelist_id = ?",
                    rs -> rs.getLong(1), client(), priceListId).orElseThrow(() -> SubscriptionException.unknown("priceListId", priceListId));
            upsertPrice(c, priceListId, productId, price, validFrom);
            return product(c, productId).orElseThrow();
        });
    }

    private static void upsertPrice(Connection c, long priceList, long productId, BigDecimal price, LocalDate validFrom) {
        int updated = Rows.update(c, "UPDATE sbx_productprice SET price = ? WHERE m_pricelist_id = ? AND m_product_id = ?"
                + " AND valid_from = ?", price, priceList, productId, validFrom);
        if (updated == 0) {
            Rows.update(c, "INSERT INTO sbx_productprice (m_pricelist_id, m_product_id, valid_from, price) VALUES (?, ?, ?, ?)",
                    priceList, productId, validFrom, price);
        }
    }

    private void checkPrice(BigDecimal price, String currency) {
        InputLimits.price("price", price);
        if (currency == null) {
            throw SubscriptionException.required("currency");
        }
        Money.currency("currency", currency);
    }

    private void insertPrice(org.idempiere.subscription.api.host.Tx tx, long productId, BigDecimal price, String currency,
            LocalDate validFrom) {
        Connection c = tx.connection();
        CurrencyRef ref = currencies.byIsoCode(tx, currency).orElseThrow(() -> SubscriptionException.unknown("currency", currency));
        long priceList = Rows.first(c, "SELECT m_pricelist_id FROM sbx_pricelist WHERE ad_client_id = ? AND c_currency_id = ?"
                + " AND is_default = 'Y'", rs -> rs.getLong(1), client(), ref.id()).orElseGet(() -> {
                    long id = Rows.nextId(c);
                    Rows.update(c, "INSERT INTO sbx_pricelist (m_pricelist_id, ad_client_id, name, c_currency_id, is_default)"
                            + " VALUES (?, ?, ?, ?, 'Y')", id, client(), "Standard " + ref.isoCode(), ref.id());
                    return id;
                });
        upsertPrice(c, priceList, productId, price, validFrom);
    }

    public List<ProductRow> products() {
        return host.inTransaction(tx -> {
            List<Long> ids = Rows.list(tx.connection(), "SELECT m_product_id FROM sbx_product WHERE ad_client_id = ?"
                    + " ORDER BY m_product_id", rs -> rs.getLong(1), client());
            List<ProductRow> out = new java.util.ArrayList<>();
            for (long id : ids) {
                product(tx.connection(), id).ifPresent(out::add);
            }
            return out;
        });
    }

    private Optional<ProductRow> product(Connection c, long id) {
        List<PriceRow> prices = Rows.list(c, "SELECT pl.m_pricelist_id, cur.iso_code, pp.valid_from, pp.price"
                + " FROM sbx_productprice pp JOIN sbx_pricelist pl ON pl.m_pricelist_id = pp.m_pricelist_id"
                + " JOIN sbx_currency cur ON cur.c_currency_id = pl.c_currency_id WHERE pp.m_product_id = ?"
                + " ORDER BY cur.iso_code, pp.valid_from", rs -> new PriceRow(rs.getLong(1), rs.getString(2).strip(),
                        Rows.date(rs, "valid_from"), rs.getBigDecimal(4)), id);
        return Rows.first(c, "SELECT m_product_id, name, tax_category, c_uom_id, sub_template_id FROM sbx_product"
                + " WHERE ad_client_id = ? AND m_product_id = ?", rs -> new ProductRow(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getLong(4), Optional.ofNullable((java.math.BigDecimal) rs.getObject(5))
                                .map(BigDecimal::longValue), prices), client(), id);
    }

    public TaxRateRow createTaxRate(Optional<String> name, String countryCode, Optional<String> region, String taxCategory,
            BigDecimal ratePercent, LocalDate validFrom) {
        country("countryCode", countryCode);
        region.ifPresent(r -> text("region", r, 10));
        match("taxCategory", taxCategory, CATEGORY, "is not a tax category such as STANDARD");
        if (ratePercent == null) {
            throw SubscriptionException.required("ratePercent");
        }
        if (ratePercent.signum() < 0 || ratePercent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw SubscriptionException.invalid("ratePercent", ratePercent.toPlainString(), "must be at least 0 and below 100");
        }
        if (validFrom == null) {
            throw SubscriptionException.required("validFrom");
        }
        String label = name.orElse(countryCode + region.map(r -> "-" + r).orElse("") + " " + taxCategory + " "
                + ratePercent.stripTrailingZeros().toPlainString() + "%");
        text("name", label, 60);
        return host.inTransaction(tx -> {
            Connection c = tx.connection();
            boolean exists = Rows.first(c, "SELECT 1 FROM sbx_taxrate WHERE ad_client_id = ? AND country_code = ?"
                    + " AND COALESCE(region, '') = ? AND tax_category = ? AND valid_from = ?", rs -> true, client(),
                    countryCode, region.orElse(""), taxCategory, validFrom).isPresent();
            if (exists) {
                throw SubscriptionException.invalidState("validFrom", validFrom,
                        "already has a rate for " + countryCode + " " + taxCategory);
            }
            long id = Rows.nextId(c);
            Rows.update(c, "INSERT INTO sbx_taxrate (c_tax_id, ad_client_id, name, country_code, region, tax_category, rate,"
                    + " valid_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, client(), label, countryCode, region.orElse(null),
                    taxCategory, ratePercent, validFrom);
            return new TaxRateRow(id, label, countryCode, region, taxCategory, ratePercent, validFrom);
        });
    }

    /** A conversion rate. */
    public record ConversionRateRow(long id, String from, String to, LocalDate validFrom, BigDecimal rate) {
    }

    /** Adds a rate from one currency to another, valid from a date. */
    public ConversionRateRow createConversionRate(String from, String to, LocalDate validFrom, BigDecimal rate) {
        if (validFrom == null) {
            throw SubscriptionException.required("validFrom");
        }
        if (rate == null) {
            throw SubscriptionException.required("rate");
        }
        if (rate.signum() <= 0 || rate.compareTo(new BigDecimal("1000000")) > 0 || rate.stripTrailingZeros().scale() > 12) {
            throw SubscriptionException.invalid("rate", rate.toString(), "must be above 0, at most 1000000, with at most 12 decimals");
        }
        if (from != null && from.equals(to)) {
            throw SubscriptionException.invalid("to", to, "is the same currency as from");
        }
        return host.inTransaction(tx -> {
            CurrencyRef f = currencyRef(tx, "from", from);
            CurrencyRef t = currencyRef(tx, "to", to);
            Connection c = tx.connection();
            if (Rows.first(c, "SELECT 1 FROM sbx_conversion_rate WHERE ad_client_id = ? AND c_currency_id = ?"
                    + " AND c_currency_id_to = ? AND valid_from = ?", rs -> true, client(), f.id(), t.id(), validFrom).isPresent()) {
                throw SubscriptionException.invalidState("validFrom", validFrom, "already has a rate from " + from + " to " + to);
            }
            long id = Rows.nextId(c);
            Rows.update(c, "INSERT INTO sbx_conversion_rate (c_conversion_rate_id, ad_client_id, c_currency_id, c_currency_id_to,"
                    + " valid_from, multiply_rate) VALUES (?, ?, ?, ?, ?, ?)", id, client(), f.id(), t.id(), validFrom, rate);
            return new ConversionRateRow(id, f.isoCode(), t.isoCode(), validFrom, rate);
        });
    }

    public List<ConversionRateRow> conversionRates() {
        return host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT r.c_conversion_rate_id, f.iso_code, t.iso_code,"
                + " r.valid_from, r.multiply_rate FROM sbx_conversion_rate r JOIN sbx_currency f ON f.c_currency_id = r.c_currency_id"
                + " JOIN sbx_currency t ON t.c_currency_id = r.c_currency_id_to WHERE r.ad_client_id = ?"
                + " ORDER BY f.iso_code, t.iso_code, r.valid_from", rs -> new ConversionRateRow(rs.getLong(1), rs.getString(2).strip(),
                        rs.getString(3).strip(), Rows.date(rs, "valid_from"), rs.getBigDecimal(5)), client()));
    }

    private CurrencyRef currencyRef(org.idempiere.subscription.api.host.Tx tx, String field, String code) {
        if (code == null) {
            throw SubscriptionException.required(field);
        }
        Money.currency(field, code);
        return currencies.byIsoCode(tx, code).orElseThrow(() -> SubscriptionException.unknown(field, code));
    }

    public List<TaxRateRow> taxRates() {
        return host.inTransaction(tx -> Rows.list(tx.connection(), "SELECT c_tax_id, name, country_code, region, tax_category,"
                + " rate, valid_from FROM sbx_taxrate WHERE ad_client_id = ? ORDER BY country_code, tax_category, valid_from",
                rs -> new TaxRateRow(rs.getLong(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                        rs.getString(5), rs.getBigDecimal(6), Rows.date(rs, "valid_from")), client()));
    }

    private static long client() {
        return ReferenceHostContext.current().clientId();
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw SubscriptionException.required(field);
        }
        if (value.length() > max) {
            throw SubscriptionException.invalid(field, value, "is longer than " + max + " characters");
        }
    }

    /** A country code must be one ISO 3166 knows, not merely two letters. */
    private static void country(String field, String code) {
        match(field, code, COUNTRY, "is not an ISO 3166 country code such as SK");
        if (!java.util.Set.of(java.util.Locale.getISOCountries()).contains(code)) {
            throw SubscriptionException.invalid(field, code, "is not an ISO 3166 country code such as SK");
        }
    }

    private static void match(String field, String value, Pattern pattern, String why) {
        if (value == null || value.isBlank()) {
            throw SubscriptionException.required(field);
        }
        if (!pattern.matcher(value).matches()) {
            throw SubscriptionException.invalid(field, value, why);
        }
    }
}
