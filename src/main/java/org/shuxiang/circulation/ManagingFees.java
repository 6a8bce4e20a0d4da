package org.shuxiang.circulation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.shuxiang.patrons.ReaderCards;
import org.shuxiang.patrons.ReaderCards.Holder;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.AuditLog;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fees readers owe: seen, paid (amount, method, reference; the oldest fees are settled first) and waived
 * by staff with a reason. Every payment and waiver is kept and audited; nothing is edited.
 */
@Service
public class ManagingFees {

    /** How a fee was paid. */
    public static final Set<String> METHODS = Set.of("CASH", "WECHAT", "ALIPAY", "CARD", "DEPOSIT", "OTHER");

    private final FeeRepository fees;
    private final ReaderCards cards;
    private final AccessControl access;
    private final AuditLog audit;

    ManagingFees(FeeRepository fees, ReaderCards cards, AccessControl access, AuditLog audit) {
        this.fees = fees;
        this.cards = cards;
        this.access = access;
        this.audit = audit;
    }

    /** Every fee of the reader, newest first, with what is still owed on each. */
    @Transactional
    public List<Fee> fees(long readerId) {
        Holder holder = holder(readerId);
        if (!access.actsForReader(readerId) && !access.allows(Permission.PATRONS_MANAGE, holder.homeUnit())) {
            access.require(Permission.CIRCULATE, holder.homeUnit());
        }
        return fees.all(readerId);
    }

    /**
     * Takes a payment and settles the reader's oldest fees with it; more than is owed is refused. Any desk
     * or kiosk that circulates takes payments, whatever the reader's home unit (one card, one network).
     */
    @Transactional
    public List<Fee> pay(long readerId, int cents, String method, String reference) {
        Holder holder = holder(readerId);
        access.requireSomewhere(Permission.CIRCULATE);
        String how = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(how)) {
            throw RefusedException.onField("method", CirculationRefusal.UNKNOWN_PAYMENT_METHOD, method);
        }
        List<Fee> open = fees.open(readerId);
        int owed = open.stream().mapToInt(Fee::owedCents).sum();
        if (cents <= 0 || cents > owed) {
            throw RefusedException.onField("amountCents", CirculationRefusal.PAYMENT_NOT_OWED, cents, owed);
        }
        int left = cents;
        for (Fee fee : open) {
            if (left == 0) {
                break;
            }
            int part = Math.min(left, fee.owedCents());
            fees.pay(fee.id(), part, how, reference, access.currentActor().name());
            left -= part;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cents", cents);
        details.put("method", how);
        details.put("reference", reference);
        audit.record("FEE_PAID", "READER", Long.toString(readerId), holder.homeUnit(), details);
        return fees.all(readerId);
    }

    /** Waives what is owed on a fee (all of it when {@code cents} is null), with the staff member's reason. */
    @Transactional
    public Fee waive(long feeId, Integer cents, String reason) {
        Fee fee = fees.findForUpdate(feeId)
                .orElseThrow(() -> new RefusedException(CirculationRefusal.FEE_NOT_FOUND, feeId));
        Holder holder = holder(fee.readerId());
        access.require(Permission.CIRCULATE, holder.homeUnit());
        if (reason == null || reason.isBlank()) {
            throw RefusedException.onField("reason", CirculationRefusal.WAIVER_REASON_REQUIRED);
        }
        int amount = cents == null ? fee.owedCents() : cents;
        if (amount <= 0 || amount > fee.owedCents()) {
            throw RefusedException.onField("amountCents", CirculationRefusal.PAYMENT_NOT_OWED, amount, fee.owedCents());
        }
        fees.waive(feeId, amount, reason.strip(), access.currentActor().name());
        audit.record("FEE_WAIVED", "FEE", Long.toString(feeId), holder.homeUnit(),
                Map.of("cents", amount, "reason", reason.strip(), "reader", fee.readerId()));
        return fees.findForUpdate(feeId).orElseThrow();
    }

    private Holder holder(long readerId) {
        return cards.lockReader(readerId)
                .orElseThrow(() -> new RefusedException(CirculationRefusal.CARD_UNKNOWN, readerId));
    }
}
