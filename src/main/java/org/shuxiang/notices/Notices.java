package org.shuxiang.notices;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.shuxiang.network.OrgUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends readers their notices: a loan due in {@code shuxiang.notices.due-soon-days} days (2), a loan
 * overdue, a hold ready on the pickup shelf, a hold expired. Each notice is first claimed by inserting
 * its row under a unique key (kind, loan or hold, channel, day): only the node whose insert wins
 * sends it, so it goes out once even when every node runs the job. A send that fails is kept and
 * tried again on later runs, up to {@value #MAX_ATTEMPTS} times.
 */
@Service
public class Notices {

    static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    /** A notice to send: what, about which loan or hold, to whom, for which day. */
    record Due(String kind, long subjectId, LocalDate forDay, NoticeChannel.Recipient recipient, String title,
               String unit, LocalDate date) {
    }

    /** A notice as the reader sees it in their account: what, for which day, by which channel, and whether it went. */
    public record Sent(String kind, LocalDate forDay, String channel, String status, java.time.Instant at) {
    }

    private final JdbcClient jdbc;
    private final org.shuxiang.platform.AccessControl access;
    private final OrgUnits units;
    private final TransactionTemplate transactions;
    private final List<NoticeChannel> channels;
    private final MessageSource messages;
    private final Clock clock;
    private final int dueSoonDays;

    Notices(JdbcClient jdbc, org.shuxiang.platform.AccessControl access, OrgUnits units, TransactionTemplate transactions, List<NoticeChannel> channels, MessageSource messages,
            Clock clock, @Value("${shuxiang.notices.due-soon-days:2}") int dueSoonDays) {
        this.jdbc = jdbc;
        this.access = access;
        this.units = units;
        this.transactions = transactions;
        this.channels = channels;
        this.messages = messages;
        this.clock = clock;
        this.dueSoonDays = dueSoonDays;
    }

    @Scheduled(fixedDelayString = "${shuxiang.notices.interval:PT15M}", initialDelayString = "${shuxiang.notices.interval:PT15M}")
    void scheduled() {
        int sent = runOnce();
        if (sent > 0) {
            log.info("Sent {} notices", sent);
        }
    }

    /** The reader's latest notices, newest first: for the reader signed in (or their guardian), or staff. */
    public List<Sent> ofReader(long readerId, int limit) {
        if (!access.actsForReader(readerId)) {
            access.requireSomewhere(org.shuxiang.platform.Permission.PATRONS_MANAGE);
        }
        return jdbc.sql("""
                        select kind, for_day, channel, status, coalesce(sent_at, created_at) as at
                        from notice where reader_id = :reader order by created_at desc, id desc limit :limit""")
                .param("reader", readerId).param("limit", Math.max(1, Math.min(limit, 200)))
                .query((rs, n) -> new Sent(rs.getString("kind"), rs.getDate("for_day").toLocalDate(),
                        rs.getString("channel"), rs.getString("status"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** One pass: every notice due now, on every channel that reaches its reader. Returns how many were sent. */
    public int runOnce() {
        if (channels.isEmpty()) {
            return 0;
        }
        List<Due> due = due(LocalDate.now(clock));
        int sent = 0;
        for (Due notice : due) {
            for (NoticeChannel channel : channels) {
                if (channel.reaches(notice.recipient()) && claim(notice, channel)) {
                    sent += deliver(notice, channel) ? 1 : 0;
                }
            }
        }
        return sent + retryFailed(due);
    }

    private List<Due> due(LocalDate today) {
        String reader = "r.id, r.name, r.email, r.phone";
        return jdbc.sql("""
                        select 'DUE_SOON' as kind, l.id, l.due_on as for_day, %s, b.title, l.lending_unit, l.due_on
                        from loan l join reader r on r.id = l.reader_id join item i on i.id = l.item_id
                             join bib_record b on b.id = i.record_id
                        where l.returned_at is null and l.due_on = :soon
                        union all
                        select 'OVERDUE', l.id, l.due_on, %s, b.title, l.lending_unit, l.due_on
                        from loan l join reader r on r.id = l.reader_id join item i on i.id = l.item_id
                             join bib_record b on b.id = i.record_id
                        where l.returned_at is null and l.due_on < :today
                        union all
                        select 'HOLD_READY', h.id, h.ready_at::date, %s, b.title, h.pickup_unit, h.expires_on
                        from hold h join reader r on r.id = h.reader_id join bib_record b on b.id = h.record_id
                        where h.status = 'READY'
                        union all
                        select 'HOLD_EXPIRED', h.id, h.closed_at::date, %s, b.title, h.pickup_unit, h.expires_on
                        from hold h join reader r on r.id = h.reader_id join bib_record b on b.id = h.record_id
                        where h.status = 'EXPIRED' and h.closed_at > now() - interval '2 days'"""
                        .formatted(reader, reader, reader, reader))
                .param("soon", today.plusDays(dueSoonDays)).param("today", today)
                .query((rs, n) -> new Due(rs.getString(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
                        new NoticeChannel.Recipient(rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                        rs.getString(8), rs.getString(9), rs.getObject(10, LocalDate.class)))
                .list();
    }

    /** Inserts the notice's row; true for the one caller, on whichever node, whose insert made it. */
    private boolean claim(Due due, NoticeChannel channel) {
        Optional<Long> id = transactions.execute(s -> jdbc.sql("""
                        insert into notice (reader_id, kind, subject_id, channel, for_day, status)
                        values (:reader, :kind, :subject, :channel, :day, 'SENDING')
                        on conflict (kind, subject_id, channel, for_day) do nothing returning id""")
                .param("reader", due.recipient().readerId()).param("kind", due.kind()).param("subject", due.subjectId())
                .param("channel", channel.name()).param("day", Date.valueOf(due.forDay()))
                .query(Long.class).optional());
        return id != null && id.isPresent();
    }

    private boolean deliver(Due due, NoticeChannel channel) {
        String status;
        String error = null;
        try {
            channel.send(due.recipient(), message(due));
            status = "SENT";
        } catch (Exception e) {
            status = "FAILED";
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn("Notice {} {} to reader {} by {} failed: {}", due.kind(), due.subjectId(),
                    due.recipient().readerId(), channel.name(), error);
        }
        String outcome = status;
        String why = error;
        transactions.executeWithoutResult(s -> jdbc.sql("""
                        update notice set status = :status, error = :error, sent_at = case when :status = 'SENT'
                               then now() end
                        where kind = :kind and subject_id = :subject and channel = :channel and for_day = :day""")
                .param("status", outcome).param("error", why).param("kind", due.kind()).param("subject", due.subjectId())
                .param("channel", channel.name()).param("day", Date.valueOf(due.forDay())).update());
        return "SENT".equals(status);
    }

    /** Failed notices get another try (claimed by raising their attempt count, so again one node sends each). */
    private int retryFailed(List<Due> dueNow) {
        int sent = 0;
        for (Due due : dueNow) {
            for (NoticeChannel channel : channels) {
                Integer claimed = transactions.execute(s -> jdbc.sql("""
                                update notice set attempts = attempts + 1, status = 'SENDING'
                                where kind = :kind and subject_id = :subject and channel = :channel and for_day = :day
                                  and status = 'FAILED' and attempts < :max""")
                        .param("kind", due.kind()).param("subject", due.subjectId()).param("channel", channel.name())
                        .param("day", Date.valueOf(due.forDay())).param("max", MAX_ATTEMPTS).update());
                if (claimed != null && claimed == 1) {
                    sent += deliver(due, channel) ? 1 : 0;
                }
            }
        }
        return sent;
    }

    private NoticeChannel.Message message(Due due) {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        Object[] args = {due.recipient().name(), due.title(), due.date() == null ? "" : due.date().toString(),
                units.nameOf(due.unit())};
        return new NoticeChannel.Message(messages.getMessage("notice." + due.kind() + ".subject", args, zh),
                messages.getMessage("notice." + due.kind() + ".body", args, zh));
    }
}
