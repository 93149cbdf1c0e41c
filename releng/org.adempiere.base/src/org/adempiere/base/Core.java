package org.adempiere.base;

/** Compile-only signature of iDempiere 12's {@code org.adempiere.base.Core}; never shipped. */
public class Core {

    public static synchronized IProductPricing getProductPricing() {
        throw new UnsupportedOperationException("compile-only");
    }

    public static ITaxLookup getTaxLookup() {
        throw new UnsupportedOperationException("compile-only");
    }
}
