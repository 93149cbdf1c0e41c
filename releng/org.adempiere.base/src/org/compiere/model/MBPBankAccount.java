package org.compiere.model;

import java.util.Properties;

/** Compile-only signature of iDempiere 12's {@code org.compiere.model.MBPBankAccount}; never shipped. */
public class MBPBankAccount extends X_C_BP_BankAccount {
    public MBPBankAccount (Properties ctx, int C_BP_BankAccount_ID, String trxName) {
        super(ctx, C_BP_BankAccount_ID, trxName);
        throw new UnsupportedOperationException("compile-only");
    }
}
