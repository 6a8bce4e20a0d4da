package org.shuxiang.circulation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.catalog.CirculatingItems;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.patrons.CardType;
import org.shuxiang.platform.database.RoundTrip;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for loans, fees and the policy matrix. */
@Repository
class LoanRepository {

    private final JdbcClient jdbc;

    LoanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rules in force (the policy matrix); retired rules are kept for the loans made under them. */
    List<LoanRule> rules() {
        return jdbc.sql("select * from loan_rule where retired_at is null order by id").query(LoanRepository::rule)
                .list();
    }

    /** A retired rule by its id: the terms a loan made under it keeps. */
    Optional<LoanRule> retiredRule(long id) {
        return jdbc.sql("select * from loan_rule where id = :id and retired_at is not null").param("id", id)
                .query(LoanRepository::rule).optional();
    }

    long insertRule(LoanRule r, String by) {
        return jdbc.sql("""
                        insert into loan_rule (card_type, item_type, unit_code, loan_days, renewals, renewal_days,
                            max_loans, max_loans_of_type, max_holds, daily_fee_cents, fee_cap_cents, grace_days,
                            suspension_days, note, updated_by)
                        values (:card, :item, :unit, :days, :renewals, :renewalDays, :maxLoans, :maxOfType, :maxHolds,
                                :fee, :cap, :grace, :suspension, :note, :by)
                        returning id""")
                .param("card", r.cardType() == null ? null : r.cardType().name())
                .param("item", r.itemType() == null ? null : r.itemType().name())
                .param("unit", r.unitCode()).param("days", r.loanDays()).param("renewals", r.renewals())
                .param("renewalDays", r.renewalDays()).param("maxLoans", r.maxLoans())
                .param("maxOfType", r.maxLoansOfType()).param("maxHolds", r.maxHolds())
                .param("fee", r.dailyFeeCents()).param("cap", r.feeCapCents()).param("grace", r.graceDays())
                .param("suspension", r.suspensionDays()).param("note", r.note()).param("by", by)
                .query(Long.class).single();
    }

    void updateRule(long id, LoanRule r, String by) {
        jdbc.sql("""
                        update loan_rule set loan_days = :days, renewals = :renewals, renewal_days = :renewalDays,
                            max_loans = :maxLoans, max_loans_of_type = :maxOfType, max_holds = :maxHolds,
                            daily_fee_cents = :fee, fee_cap_cents = :cap, grace_days = :grace,
                            suspension_days = :suspension, note = :note, updated_at = now(), updated_by = :by
                        where id = :id and retired_at is null""")
                .param("days", r.loanDays()).param("renewals", r.renewals()).param("renewalDays", r.renewalDays())
                .param("maxLoans", r.maxLoans()).param("maxOfType", r.maxLoansOfType()).param("maxHolds", r.maxHolds())
                .param("fee", r.dailyFeeCents()).param("cap", r.feeCapCents()).param("grace", r.graceDays())
                .param("suspension", r.suspensionDays()).param("note", r.note()).param("by", by).param("id", id)
                .update();
    }

    /**
     * Takes a rule out of the matrix. It is kept, retired: loans made under it keep their terms (fees, renewals)
     * until they end, and the database refuses to delete it (V24).
     */
    void retireRule(long id, String by) {
        jdbc.sql("update loan_rule set retired_at = now(), updated_at = now(), updated_by = :by where id = :id")
                .param("id", id).param("by", by).update();
    }

    /** The open loans of a reader: how many, and how many of one item type. */
    /** What the desk weighs before lending or renewing: open loans, how many are overdue, fees owed (fen). */
    record Standing(int openLoans, int overdueLoans, int owedCents) {
    }

    /** Open loans, overdue loans and fees owed, as the standing queries return them (no row: nothing at all). */
    private static Standing standing(ResultSet rows) throws SQLException {
        return rows.next() ? standingOfRow(rows) : NO_STANDING;
    }

    private static final Standing NO_STANDING = new Standing(0, 0, 0);

    private static Standing standingOfRow(ResultSet rows) throws SQLException {
        return new Standing(rows.getInt(1), rows.getInt(2), rows.getInt(3));
    }

    /**
     * The reader's standing on {@code today}, in one query (its open loans and open fees, by their indexes), as
     * a statement that travels with the lock on the reader's row, after it.
     */
    RoundTrip.Step<Standing> standingStep(long readerId, LocalDate today) {
        return RoundTrip.Step.query("""
                        select count(*), count(*) filter (where due_on < :today),
                               (select coalesce(sum(amount_cents - paid_cents - waived_cents), 0) from fee
                                where reader_id = :reader and paid_cents + waived_cents < amount_cents)
                        from loan where reader_id = :reader and returned_at is null""",
                Map.of("reader", readerId, "today", today),
                LoanRepository::standing);
    }

    /**
     * {@link #standingStep} of the holder of a card (as the network keeps card numbers), as a statement that
     * travels with the lock on the holder's row, after it: a checkout reads the holder, their standing and
     * the item in one round trip. A card nobody holds stands at nothing.
     */
    RoundTrip.Step<Standing> standingOfCardStep(String cardNumber, LocalDate today) {
        return RoundTrip.Step.query(STANDING_OF_CARD, Map.of("card", cardNumber, "today", today),
                LoanRepository::standing);
    }

    /** A holder's standing, and the id of the loan a checkout is about to make ({@code null} for an unknown card). */
    record StandingForLoan(Standing standing, Long loanId) {
    }

    /**
     * {@link #standingOfCardStep} with the new loan's id taken from its sequence in the same statement, a
     * statement fewer for every checkout: the loan is then inserted with the commit, without reading anything
     * back. A card nobody holds takes no id; an id taken for a checkout then refused is never used: ids have
     * gaps, as they do after any rollback.
     */
    RoundTrip.Step<StandingForLoan> standingOfCardForLoanStep(String cardNumber, LocalDate today) {
        return RoundTrip.Step.query(STANDING_OF_CARD_FOR_LOAN, Map.of("card", cardNumber, "today", today),
                rows -> rows.next() ? new StandingForLoan(standingOfRow(rows), rows.getLong(4))
                        : new StandingForLoan(NO_STANDING, null));
    }

    /** The two texts made once: a step's parsed form is cached by its text. */
    private static final String STANDING_OF_CARD_WITH = """
            select count(l.id), count(l.id) filter (where l.due_on < :today),
                   (select coalesce(sum(amount_cents - paid_cents - waived_cents), 0) from fee
                    where reader_id = c.reader_id and paid_cents + waived_cents < amount_cents)%s
            from reader_card c left join loan l on l.reader_id = c.reader_id and l.returned_at is null
            where c.card_number = :card
            group by c.reader_id""";
    private static final String STANDING_OF_CARD = STANDING_OF_CARD_WITH.formatted("");
    private static final String STANDING_OF_CARD_FOR_LOAN = STANDING_OF_CARD_WITH.formatted(", nextval('loan_id_seq')");

    int openLoansOfType(long readerId, ItemType type) {
        return jdbc.sql("""
                        select count(*) from loan l join item i on i.id = l.item_id
                        where l.reader_id = :reader and l.returned_at is null and i.item_type = :type""")
                .param("reader", readerId).param("type", type.name()).query(Integer.class).single();
    }

    /** A new open loan with the id taken ahead ({@link #standingOfCardForLoanStep}), as a statement to send with others. */
    RoundTrip.Step<Integer> insertLoanStep(long id, long itemId, long readerId, String cardNumber, String unit,
                                           long ruleId, Instant at, LocalDate due, String requestId) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", id);
        values.put("item", itemId);
        values.put("reader", readerId);
        values.put("card", cardNumber);
        values.put("unit", unit);
        values.put("rule", ruleId);
        values.put("at", java.sql.Timestamp.from(at));
        values.put("due", due);
        values.put("request", requestId); // may be null
        return RoundTrip.Step.update(INSERT_LOAN, values);
    }

    private static final String INSERT_LOAN = """
            insert into loan (id, item_id, reader_id, card_number, lending_unit, rule_id, checked_out_at, due_on,
                              request_id)
            overriding system value
            values (:id, :item, :reader, :card, :unit, :rule, :at, :due, :request)""";

    /** The loan a request made, if a request with this id was made before: as a statement to send with others. */
    RoundTrip.Step<Optional<Loan>> byRequestStep(String requestId) {
        return RoundTrip.Step.optional(SELECT + " where l.request_id = :request", Map.of("request", requestId),
                LoanRepository::loan);
    }

    /**
     * The open loan of the item with {@code barcode}. The item is found first, then its open loan by the item
     * (an index condition), whatever the statistics say: with statistics taken when hardly any loan was open,
     * the planner preferred to walk every open loan and look each one's item up, which read hundreds of pages
     * per return once thousands of loans were open.
     */
    Optional<Loan> openLoanOfBarcode(String barcode) {
        return jdbc.sql(SELECT + """

                        where l.item_id = (select id from item where upper(barcode) = upper(:barcode))
                          and l.returned_at is null""")
                .param("barcode", CirculatingItems.scanned(barcode)).query(LoanRepository::loan).optional();
    }

    /** Who borrowed an open loan, and what: to lock both before the loan itself is read again. */
    record Owner(long readerId, long itemId) {
    }

    Optional<Owner> ownerOfOpenLoan(long id) {
        return jdbc.sql("select reader_id, item_id from loan where id = :id and returned_at is null").param("id", id)
                .query((rs, n) -> new Owner(rs.getLong(1), rs.getLong(2))).optional();
    }

    /** A loan as it is, as a statement that travels with the locks on its borrower and its item, after them. */
    RoundTrip.Step<Optional<Loan>> findStep(long id) {
        return RoundTrip.Step.optional(SELECT + " where l.id = :id", Map.of("id", id), LoanRepository::loan);
    }

    List<Loan> openLoansOf(long readerId) {
        return jdbc.sql(SELECT + " where l.reader_id = :reader and l.returned_at is null order by l.due_on, l.id")
                .param("reader", readerId).query(LoanRepository::loan).list();
    }

    /** The open loans of the holder of a card (as the network keeps card numbers), soonest due first, as a step. */
    RoundTrip.Step<List<Loan>> openLoansOfCardStep(String cardNumber) {
        return RoundTrip.Step.query(SELECT + """

                        where l.reader_id = (select reader_id from reader_card where card_number = :card)
                          and l.returned_at is null order by l.due_on, l.id""",
                Map.of("card", cardNumber), new org.springframework.jdbc.core.RowMapperResultSetExtractor<>(LoanRepository::loan));
    }

    List<Loan> returnedSince(long readerId, Instant since, int limit) {
        return jdbc.sql(SELECT + " where l.reader_id = :reader and l.returned_at >= :since "
                        + "order by l.returned_at desc, l.id desc limit :limit")
                .param("reader", readerId).param("since", java.sql.Timestamp.from(since)).param("limit", limit)
                .query(LoanRepository::loan).list();
    }

    /**
     * A return's first statement: the borrower of the open loan of the copy with this barcode, locked (the
     * reader before the item, ADR 0010), and remembered for {@link #closeOpenOfBarcodeStep} in the same
     * round trip. Empty when the copy is not on loan (or unknown).
     */
    RoundTrip.Step<Optional<Long>> lockBorrowerOfBarcodeStep(String barcode) {
        return RoundTrip.Step.optional("""
                        select r.id, set_config('shuxiang.borrower', r.id::text, true) from reader r
                        where r.id = (select l.reader_id from loan l
                                      where l.item_id = (select id from item where upper(barcode) = upper(:barcode))
                                        and l.returned_at is null)
                        for update of r""",
                Map.of("barcode", CirculatingItems.scanned(barcode)), (rs, n) -> rs.getLong(1));
    }

    /**
     * The open loan of the copy with this barcode ended, if it is still open and still the loan of the
     * borrower that {@link #lockBorrowerOfBarcodeStep} locked earlier in the round trip. Between the two, the
     * book may have been returned and lent to someone else, whose row this transaction has not locked: then
     * nothing changes, and the caller tries again.
     */
    RoundTrip.Step<Optional<Loan>> closeOpenOfBarcodeStep(String barcode, Instant at, String unit) {
        return RoundTrip.Step.optional("""
                        update loan l set returned_at = :at, return_unit = :unit
                        from item i join bib_record b on b.id = i.record_id
                        where i.id = l.item_id and upper(i.barcode) = upper(:barcode)
                          and l.returned_at is null
                          and l.reader_id = nullif(current_setting('shuxiang.borrower', true), '')::bigint
                        returning l.id, l.item_id, i.barcode, b.title, l.reader_id, l.card_number, l.lending_unit,
                                  l.rule_id, l.checked_out_at, l.due_on, l.renewals, l.returned_at, l.return_unit""",
                Map.of("at", java.sql.Timestamp.from(at), "unit", unit, "barcode", CirculatingItems.scanned(barcode)),
                LoanRepository::loan);
    }

    /** The loan renewed to {@code due}, as a statement to send with others. */
    RoundTrip.Step<Integer> renewStep(long loanId, LocalDate due) {
        return RoundTrip.Step.update("update loan set due_on = :due, renewals = renewals + 1 where id = :id",
                Map.of("due", due, "id", loanId));
    }

    long insertFee(long readerId, long loanId, String kind, int cents) {
        return jdbc.sql("insert into fee (reader_id, loan_id, kind, amount_cents) values (:reader, :loan, :kind, :cents) "
                        + "returning id")
                .param("reader", readerId).param("loan", loanId).param("kind", kind).param("cents", cents)
                .query(Long.class).single();
    }

    private static final String SELECT = """
            select l.id, l.item_id, i.barcode, b.title, l.reader_id, l.card_number, l.lending_unit, l.rule_id,
                   l.checked_out_at, l.due_on, l.renewals, l.returned_at, l.return_unit
            from loan l join item i on i.id = l.item_id join bib_record b on b.id = i.record_id""";

    private static Loan loan(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp returned = rs.getTimestamp("returned_at");
        return new Loan(rs.getLong("id"), rs.getLong("item_id"), rs.getString("barcode"), rs.getString("title"),
                rs.getLong("reader_id"), rs.getString("card_number"), rs.getString("lending_unit"),
                rs.getObject("rule_id", Long.class), rs.getTimestamp("checked_out_at").toInstant(),
                rs.getObject("due_on", LocalDate.class), rs.getInt("renewals"),
                returned == null ? null : returned.toInstant(), rs.getString("return_unit"));
    }

    private static LoanRule rule(ResultSet rs, int n) throws SQLException {
        String card = rs.getString("card_type");
        String item = rs.getString("item_type");
        return new LoanRule(rs.getLong("id"), card == null ? null : CardType.valueOf(card),
                item == null ? null : ItemType.valueOf(item), rs.getString("unit_code"), rs.getInt("loan_days"),
                rs.getInt("renewals"), rs.getInt("renewal_days"), rs.getInt("max_loans"),
                rs.getObject("max_loans_of_type", Integer.class), rs.getInt("max_holds"), rs.getInt("daily_fee_cents"),
                rs.getInt("fee_cap_cents"), rs.getInt("grace_days"), rs.getInt("suspension_days"), rs.getString("note"));
    }
}
