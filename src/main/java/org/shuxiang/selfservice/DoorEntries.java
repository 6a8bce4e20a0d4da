package org.shuxiang.selfservice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.shuxiang.circulation.CirculationRefusal;
import org.shuxiang.patrons.Reader;
import org.shuxiang.patrons.ReaderCards;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.Refusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.UnitHierarchy;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The doors of 24-hour libraries: a card shown at the door may enter unless it is unknown, replaced
 * after a loss, expired, or its reader is blocked. Every card shown is logged, let in or not.
 */
@Service
public class DoorEntries {

    /** The door's answer: open or not, the reason code when not, words for its screen. */
    public record Entry(boolean allowed, String reason, String message, String readerName) {
    }

    /** One card shown at a door. */
    public record Logged(long id, String deviceCode, String unitCode, String cardNumber, Long readerId,
                         boolean allowed, String reason, Instant at) {
    }

    private final JdbcClient jdbc;
    private final ReaderCards cards;
    private final AccessControl access;
    private final UnitHierarchy units;
    private final MessageSource messages;
    private final Clock clock;

    DoorEntries(JdbcClient jdbc, ReaderCards cards, AccessControl access, UnitHierarchy units,
                MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.access = access;
        this.units = units;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public Entry check(Devices.Device device, String cardNumber, Locale locale) {
        Devices.require(device, Capability.DOOR);
        String card = cardNumber == null ? "" : cardNumber.strip().toUpperCase(Locale.ROOT);
        Optional<ReaderCards.Holder> holder = card.isEmpty() || card.length() > 20 ? Optional.empty()
                : cards.lockHolder(card);
        Refusal refusal = null;
        Object[] arguments = {card};
        if (holder.isEmpty()) {
            refusal = CirculationRefusal.CARD_UNKNOWN;
        } else if (!holder.get().current()) {
            refusal = CirculationRefusal.CARD_REPLACED;
        } else if (holder.get().expiredOn(LocalDate.now(clock))) {
            refusal = CirculationRefusal.CARD_EXPIRED;
            arguments = new Object[] {card, holder.get().expiresOn()};
        } else if (!holder.get().blocks().isEmpty()) {
            refusal = CirculationRefusal.READER_BLOCKED;
            Reader.Block block = holder.get().blocks().get(0);
            arguments = new Object[] {masked(holder.get().name()), block.reason()};
        }
        jdbc.sql("""
                        insert into door_entry (device_id, unit_code, card_number, reader_id, allowed, reason)
                        values (:device, :unit, :card, :reader, :allowed, :reason)""")
                .param("device", device.id()).param("unit", device.unitCode())
                .param("card", card.length() > 40 ? card.substring(0, 40) : card)
                .param("reader", holder.map(ReaderCards.Holder::readerId).orElse(null))
                .param("allowed", refusal == null).param("reason", refusal == null ? null : refusal.name()).update();
        if (refusal == null) {
            String name = masked(holder.get().name());
            return new Entry(true, null, messages.getMessage("door.WELCOME", new Object[] {name}, locale), name);
        }
        return new Entry(false, refusal.name(),
                messages.getMessage(refusal.messageKey(), arguments, refusal.name(), locale),
                holder.map(h -> masked(h.name())).orElse(null));
    }

    /** The entries at a unit (and, with {@code subtree}, below it) in a time range; staff who manage readers there. */
    @Transactional(readOnly = true)
    public List<Logged> log(String unitCode, Instant from, Instant to, int limit) {
        if (unitCode == null || !units.exists(unitCode)) {
            throw RefusedException.onField("unit", PlatformRefusal.UNKNOWN_UNIT, unitCode);
        }
        access.require(Permission.PATRONS_MANAGE, unitCode);
        return jdbc.sql("""
                        select e.id, d.code, e.unit_code, e.card_number, e.reader_id, e.allowed, e.reason, e.at
                        from door_entry e join device d on d.id = e.device_id
                        where e.unit_code = :unit and e.at >= :from and e.at < :to
                        order by e.at desc, e.id desc limit :limit""")
                .param("unit", unitCode).param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to)).param("limit", Math.max(1, Math.min(limit, 5000)))
                .query((rs, n) -> new Logged(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, Long.class), rs.getBoolean(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** A name as a door's screen shows it to whoever stands behind: 张三丰 → 张**. */
    static String masked(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }
}
