package org.idempiere.subscription.plugin.host;

import java.sql.Timestamp;
import java.util.Properties;
import org.adempiere.exceptions.AdempiereException;
import org.compiere.model.MDocType;
import org.compiere.model.MJournal;
import org.compiere.model.MJournalLine;
import org.compiere.model.X_C_DocType;
import org.compiere.process.DocAction;
import org.compiere.util.Env;
import org.idempiere.subscription.api.SubscriptionException;
import org.idempiere.subscription.api.host.GeneralLedger;
import org.idempiere.subscription.api.host.JournalDraft;
import org.idempiere.subscription.api.host.PostedJournal;
import org.idempiere.subscription.api.host.Tx;
import org.osgi.service.component.annotations.Component;

/**
 * The general ledger over {@code MJournal} and {@code MJournalLine}: one journal of the first GL
 * Journal document type ({@code GLJ}), in the organization of the context, completed with
 * {@code processIt("CO")} in the engine's transaction. iDempiere fills the rest as for a journal
 * entered by hand: the period of the accounting date (which must be open), the GL category of the
 * document type, the primary accounting schema and the default conversion type. The engine gives
 * the rate to the accounting currency, set on each line. A refusal becomes a HOST_FAILURE with
 * iDempiere's message and rolls the caller's transaction back.
 */
@Component(service = GeneralLedger.class)
public final class IdempiereGeneralLedger implements GeneralLedger {

    @Override
    public PostedJournal post(Tx tx, JournalDraft draft) {
        JournalFields.requireBookable(draft);
        String trxName = IdempiereTx.of(tx).trxName();
        Properties ctx = Env.getCtx();
        int docType = MDocType.getDocType(X_C_DocType.DOCBASETYPE_GLJournal);
        if (docType <= 0) {
            throw SubscriptionException.hostFailure("No active document type with DocBaseType GLJ (GL Journal)", null);
        }
        Timestamp dateAcct = Timestamp.valueOf(draft.dateAcct().atStartOfDay());
        try {
            MJournal journal = new MJournal(ctx, 0, trxName);
            journal.setAD_Org_ID(Env.getAD_Org_ID(ctx));
            journal.setC_DocType_ID(docType);
            journal.setC_Currency_ID(Ids.require("currencyId", draft.currencyId()));
            journal.setDateDoc(dateAcct);
            journal.setDateAcct(dateAcct);
            journal.setDescription(draft.description());
            journal.saveEx();
            for (JournalDraft.JournalLineDraft l : draft.lines()) {
                MJournalLine line = new MJournalLine(journal);
                line.setC_ValidCombination_ID(Ids.require("accountId", l.accountId()));
                line.setCurrencyRate(draft.currencyRate());
                line.setAmtSourceDr(l.debit());
                line.setAmtSourceCr(l.credit());
                line.setDescription(l.description());
                line.saveEx();
            }
            boolean completed = journal.processIt(DocAction.ACTION_Complete);
            JournalFields.requireCompleted(journal.getDocumentNo(), completed, journal.getDocStatus(), journal.getProcessMsg());
            journal.saveEx();
            return new PostedJournal(journal.getGL_Journal_ID(), journal.getDocumentNo());
        } catch (AdempiereException e) {
            throw SubscriptionException.hostFailure("iDempiere refused the GL journal \"" + draft.description() + "\": "
                    + e.getLocalizedMessage(), e);
        }
    }
}
