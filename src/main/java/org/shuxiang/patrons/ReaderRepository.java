package org.shuxiang.patrons;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.platform.database.RoundTrip;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for readers, their cards and their blocks. */
@Repository
class ReaderRepository {

    /** A reader's row as stored, before blocks are added. */
    record Row(long id, String name, String identityMasked, LocalDate dateOfBirth, String phone, String address,
               String homeUnit, CardType cardType, Long guardianId, String cardNumber, LocalDate expiresOn,
               Reader.BorrowingBasis basis, int depositCents, String pinHash, java.time.Instant registeredAt,
               int version, String email) {
    }

    /** What registering stores. */
    record NewReader(String name, byte[] identityEncrypted, String identityHash, String identityMasked,
                     LocalDate dateOfBirth, String phone, String address, String homeUnit, CardType cardType,
                     Long guardianId, String pinHash, LocalDate expiresOn, String registeredBy) {
    }

    /** What {@link #row} reads: the reader and their working card ({@code c}). */
    private static final String COLUMNS = """
            r.id, r.name, r.identity_masked, r.date_of_birth, r.phone, r.address, r.home_unit, r.card_type,
            r.guardian_id, c.card_number, r.expires_on, r.borrowing_basis, r.deposit_cents, r.pin_hash,
            r.registered_at, r.version, r.email""";

    private static final String FROM =
            "\nfrom reader r left join reader_card c on c.reader_id = r.id and c.replaced_at is null\n";

    private static final String SELECT = "select " + COLUMNS + FROM;

    private final JdbcClient jdbc;

    ReaderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(NewReader r) {
        return jdbc.sql("""
                        insert into reader (name, identity_encrypted, identity_hash, identity_masked, date_of_birth,
                                            phone, address, home_unit, card_type, guardian_id, pin_hash, expires_on,
                                            registered_by)
                        values (:name, :enc, :hash, :masked, :birth, :phone, :address, :home, :type, :guardian, :pin,
                                :expires, :by)
                        returning id""")
                .param("name", r.name()).param("enc", r.identityEncrypted()).param("hash", r.identityHash())
                .param("masked", r.identityMasked()).param("birth", r.dateOfBirth()).param("phone", r.phone())
                .param("address", r.address()).param("home", r.homeUnit()).param("type", r.cardType().name())
                .param("guardian", r.guardianId()).param("pin", r.pinHash()).param("expires", r.expiresOn())
                .param("by", r.registeredBy())
                .query(Long.class).single();
    }

    void issueCard(long readerId, String cardNumber) {
        jdbc.sql("insert into reader_card (card_number, reader_id) values (:card, :reader)")
                .param("card", cardNumber).param("reader", readerId).update();
    }

    String nextCardNumber() {
        return "TL" + jdbc.sql("select nextval('reader_card_number_seq')").query(Long.class).single();
    }

    boolean cardNumberExists(String cardNumber) {
        return jdbc.sql("select exists (select 1 from reader_card where card_number = :card)")
                .param("card", cardNumber).query(Boolean.class).single();
    }

    boolean identityExists(String identityHash) {
        return jdbc.sql("select exists (select 1 from reader where identity_hash = :hash)")
                .param("hash", identityHash).query(Boolean.class).single();
    }

    /** Marks the reader's working card replaced; the caller issues the new one in the same transaction. */
    int replaceCurrentCard(long readerId, String by) {
        return jdbc.sql("update reader_card set replaced_at = now(), replaced_by = :by "
                        + "where reader_id = :reader and replaced_at is null")
                .param("by", by).param("reader", readerId).update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " where r.id = :id").param("id", id).query(this::row).optional();
    }

    /** Locks the reader's row for the rest of the transaction: changes to one reader go one at a time. */
    Optional<Row> findForUpdate(long id) {
        return jdbc.sql(SELECT + " where r.id = :id for update of r").param("id", id).query(this::row).optional();
    }

    /** A reader locked for a desk's transaction: whether the card shown is the working one, and blocked at all. */
    record LockedRow(Row row, String cardShown, boolean currentCard, boolean blocked) {
    }

    private static final String BLOCKED = """
            exists (select 1 from reader_block b where b.reader_id = r.id and b.lifted_at is null
                    and (b.until is null or b.until >= current_date)) as blocked""";

    /** The holder of a card (the working one or a replaced one), the reader's row locked: one query. */
    Optional<LockedRow> lockByCard(String cardNumber) {
        return byCard(cardNumber, "for update of r");
    }

    /** The same without a lock, for what is only shown (a kiosk's patron information, a desk's summary). */
    Optional<LockedRow> readByCard(String cardNumber) {
        return byCard(cardNumber, "");
    }

    private static final String BY_CARD = """
            select %s, shown.replaced_at is null as current_card, %s
            from reader_card shown join reader r on r.id = shown.reader_id
            left join reader_card c on c.reader_id = r.id and c.replaced_at is null
            where shown.card_number = :card
            """.formatted(COLUMNS, BLOCKED);

    /** Joined once, not at every checkout: the statement's parsed form is cached by its text. */
    private static final String LOCK_BY_CARD = BY_CARD + "for update of r";

    private static final String LOCK_BY_ID = "select " + COLUMNS + ", " + BLOCKED + FROM + " where r.id = :id for update of r";

    private Optional<LockedRow> byCard(String cardNumber, String lock) {
        return jdbc.sql(BY_CARD + lock).param("card", cardNumber).query(byCardRow(cardNumber)).optional();
    }

    private org.springframework.jdbc.core.RowMapper<LockedRow> byCardRow(String cardNumber) {
        return (rs, n) -> new LockedRow(row(rs, n), cardNumber, rs.getBoolean("current_card"), rs.getBoolean("blocked"));
    }

    /** {@link #lockByCard} as a statement that travels with others in one round trip. */
    RoundTrip.Step<Optional<LockedRow>> lockByCardStep(String cardNumber) {
        return RoundTrip.Step.optional(LOCK_BY_CARD, Map.of("card", cardNumber), byCardRow(cardNumber));
    }

    /** {@link #readByCard} as a statement that travels with others in one round trip. */
    RoundTrip.Step<Optional<LockedRow>> readByCardStep(String cardNumber) {
        return RoundTrip.Step.optional(BY_CARD, Map.of("card", cardNumber), byCardRow(cardNumber));
    }

    /** A reader by id, locked, with its working card: one query. */
    Optional<LockedRow> lockById(long id) {
        return jdbc.sql(LOCK_BY_ID).param("id", id).query(this::byIdRow).optional();
    }

    /** {@link #lockById} as a statement that travels with others in one round trip. */
    RoundTrip.Step<Optional<LockedRow>> lockByIdStep(long id) {
        return RoundTrip.Step.optional(LOCK_BY_ID, Map.of("id", id), this::byIdRow);
    }

    private LockedRow byIdRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Row row = row(rs, n);
        return new LockedRow(row, row.cardNumber(), true, rs.getBoolean("blocked"));
    }

    /** The reader a card belongs to, and whether the card is the one that works now. */
    Optional<Map.Entry<Long, Boolean>> readerOfCard(String cardNumber) {
        return jdbc.sql("select reader_id, replaced_at is null from reader_card where card_number = :card")
                .param("card", cardNumber)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getBoolean(2))).optional();
    }

    Optional<Long> readerOfIdentity(String identityHash) {
        return jdbc.sql("select id from reader where identity_hash = :hash").param("hash", identityHash)
                .query(Long.class).optional();
    }

    Optional<byte[]> encryptedIdentity(long id) {
        return jdbc.sql("select identity_encrypted from reader where id = :id and identity_encrypted is not null")
                .param("id", id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    /** Readers whose name starts with {@code name}, in the given home units (null: all), a page at a time. */
    List<Row> findByName(String name, Collection<String> homeUnits, int limit) {
        String prefix = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        if (homeUnits == null) {
            return jdbc.sql(SELECT + " where r.name like :prefix escape '\\' order by r.name, r.id limit :limit")
                    .param("prefix", prefix).param("limit", limit).query(this::row).list();
        }
        return jdbc.sql(SELECT + " where r.name like :prefix escape '\\' and r.home_unit = any(:units) "
                        + "order by r.name, r.id limit :limit")
                .param("prefix", prefix).param("units", homeUnits.toArray(String[]::new)).param("limit", limit)
                .query(this::row).list();
    }

    Optional<java.time.Instant> historySince(long id) {
        return jdbc.sql("select history_since from reader where id = :id and history_since is not null")
                .param("id", id).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    void setHistorySince(long id, boolean on) {
        jdbc.sql("update reader set history_since = case when :keep then coalesce(history_since, now()) end, "
                        + "version = version + 1 where id = :id")
                .param("keep", on).param("id", id).update();
    }

    List<Long> childIds(long guardianId) {
        return jdbc.sql("select id from reader where guardian_id = :id order by id").param("id", guardianId)
                .query(Long.class).list();
    }

    List<Row> childrenOf(long guardianId) {
        return jdbc.sql(SELECT + " where r.guardian_id = :id order by r.id").param("id", guardianId)
                .query(this::row).list();
    }

    void update(long id, String name, String phone, String address, String homeUnit) {
        jdbc.sql("update reader set name = :name, phone = :phone, address = :address, home_unit = :home, "
                        + "version = version + 1 where id = :id")
                .param("name", name).param("phone", phone).param("address", address).param("home", homeUnit)
                .param("id", id).update();
    }

    void setEmail(long id, String email) {
        jdbc.sql("update reader set email = :email, version = version + 1 where id = :id").param("email", email)
                .param("id", id).update();
    }

    void setPin(long id, String pinHash) {
        jdbc.sql("update reader set pin_hash = :pin, pin_failures = 0, pin_locked_until = null, version = version + 1 "
                        + "where id = :id")
                .param("pin", pinHash).param("id", id).update();
    }

    void setBasis(long id, Reader.BorrowingBasis basis, int depositCents) {
        jdbc.sql("update reader set borrowing_basis = :basis, deposit_cents = :deposit, version = version + 1 "
                        + "where id = :id")
                .param("basis", basis.name()).param("deposit", depositCents).param("id", id).update();
    }

    void renew(long id, LocalDate expiresOn) {
        jdbc.sql("update reader set expires_on = :expires, version = version + 1 where id = :id")
                .param("expires", expiresOn).param("id", id).update();
    }

    long block(long readerId, Reader.BlockKind kind, String reason, String by) {
        return block(readerId, kind, reason, by, null);
    }

    long block(long readerId, Reader.BlockKind kind, String reason, String by, LocalDate until) {
        return jdbc.sql("insert into reader_block (reader_id, kind, reason, set_by, until) values (:reader, :kind, "
                        + ":reason, :by, :until) returning id")
                .param("reader", readerId).param("kind", kind.name()).param("reason", reason).param("by", by)
                .param("until", until).query(Long.class).single();
    }

    /** What a PIN check needs: the hash, and the lock from earlier failures. */
    record PinState(long readerId, String homeUnit, String pinHash, boolean locked) {
    }

    Optional<PinState> pinState(String cardNumber) {
        return jdbc.sql("""
                        select r.id, r.home_unit, r.pin_hash, coalesce(r.pin_locked_until > now(), false) from reader_card c
                        join reader r on r.id = c.reader_id where c.card_number = :card and c.replaced_at is null""")
                .param("card", cardNumber)
                .query((rs, n) -> new PinState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    /**
     * Counts a failed PIN in one statement, so that tries at two kiosks at once all count; a count left
     * from a lock that has run out starts again at one. Returns the lock's end when this failure locked it.
     */
    Optional<java.time.Instant> pinFailed(long readerId, int maxFailures, java.time.Duration lock) {
        return jdbc.sql("""
                        with counted as (
                            select id, case when pin_locked_until is not null and pin_locked_until <= now() then 1
                                            else pin_failures + 1 end as failures
                            from reader where id = :id for update
                        )
                        update reader r set pin_failures = c.failures,
                            pin_locked_until = case when c.failures >= :max then now() + make_interval(secs => :secs)
                                                    when r.pin_locked_until <= now() then null
                                                    else r.pin_locked_until end
                        from counted c where r.id = c.id
                        returning r.pin_locked_until""")
                .param("id", readerId).param("max", maxFailures).param("secs", (double) lock.toSeconds())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    void pinAccepted(long readerId) {
        jdbc.sql("update reader set pin_failures = 0, pin_locked_until = null where id = :id and pin_failures > 0")
                .param("id", readerId).update();
    }

    /** Lifts the open blocks of one kind; returns how many. */
    int liftAll(long readerId, Reader.BlockKind kind, String by) {
        return jdbc.sql("update reader_block set lifted_at = now(), lifted_by = :by "
                        + "where reader_id = :reader and kind = :kind and lifted_at is null")
                .param("by", by).param("reader", readerId).param("kind", kind.name()).update();
    }

    int lift(long readerId, long blockId, String by) {
        return jdbc.sql("update reader_block set lifted_at = now(), lifted_by = :by "
                        + "where id = :id and reader_id = :reader and lifted_at is null")
                .param("by", by).param("id", blockId).param("reader", readerId).update();
    }

    /** The blocks in force for these readers, by reader: one query for any number of readers. */
    Map<Long, List<Reader.Block>> openBlocks(Collection<Long> readerIds) {
        Map<Long, List<Reader.Block>> blocks = new HashMap<>();
        if (readerIds.isEmpty()) {
            return blocks;
        }
        jdbc.sql("select id, reader_id, kind, reason, since, set_by, until from reader_block "
                        + "where reader_id = any(:ids) and lifted_at is null and (until is null or until >= current_date) "
                        + "order by since, id")
                .param("ids", readerIds.toArray(Long[]::new))
                .query(rs -> {
                    blocks.computeIfAbsent(rs.getLong("reader_id"), k -> new ArrayList<>()).add(new Reader.Block(
                            rs.getLong("id"), Reader.BlockKind.valueOf(rs.getString("kind")), rs.getString("reason"),
                            rs.getTimestamp("since").toInstant(), rs.getString("set_by"),
                            rs.getObject("until", LocalDate.class)));
                });
        return blocks;
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        Long guardian = rs.getObject("guardian_id", Long.class);
        Timestamp registered = rs.getTimestamp("registered_at");
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("identity_masked"),
                rs.getObject("date_of_birth", LocalDate.class), rs.getString("phone"), rs.getString("address"),
                rs.getString("home_unit"), CardType.valueOf(rs.getString("card_type")),
                guardian, rs.getString("card_number"),
                rs.getObject("expires_on", LocalDate.class), Reader.BorrowingBasis.valueOf(rs.getString("borrowing_basis")),
                rs.getInt("deposit_cents"), rs.getString("pin_hash"), registered.toInstant(), rs.getInt("version"),
                rs.getString("email"));
    }
}
