package org.shuxiang.selfservice.sip2;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shuxiang.catalog.CirculatingItems;
import org.shuxiang.catalog.CirculatingItems.CirculationItem;
import org.shuxiang.circulation.Circulating;
import org.shuxiang.circulation.CirculationRefusal;
import org.shuxiang.circulation.Loan;
import org.shuxiang.holds.Hold;
import org.shuxiang.holds.Holds;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.patrons.ReaderCards;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Refusal;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.selfservice.Capability;
import org.shuxiang.selfservice.Devices;
import org.shuxiang.selfservice.Sip2Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What each SIP2 request does, through the same circulation, reader and hold services as the desks and
 * the REST API, as the machine that logged in (its unit, its permission to circulate there). Answers
 * follow the 3M SIP2 2.00 layouts field for field; the institution id ({@code AO}) is echoed back.
 */
@Component
class Sip2Service {

    private static final Logger log = LoggerFactory.getLogger(Sip2Service.class);

    /** Patron status, 14 positions (charge, renewal, recall, hold privileges denied; card lost; too many …). */
    private static final int CHARGE_DENIED = 0;
    private static final int RENEWAL_DENIED = 1;
    private static final int RECALL_DENIED = 2;
    private static final int HOLD_DENIED = 3;
    private static final int CARD_LOST = 4;
    private static final int TOO_MANY_CHARGED = 5;
    private static final int TOO_MANY_OVERDUE = 6;
    private static final int EXCESSIVE_FINES = 10;

    /** Messages this server answers, in the order of the BX field of message 98. */
    private static final List<String> SUPPORTED = List.of("23", "11", "09", "01", "99", "97", "93", "63", "35", "37",
            "17", "19", "25", "15", "29", "65");

    /** What a machine must be allowed to do for each request (its device's kind says). */
    private static final Map<String, Capability> NEEDS = Map.ofEntries(
            Map.entry("23", Capability.PATRON), Map.entry("63", Capability.PATRON), Map.entry("35", Capability.PATRON),
            Map.entry("11", Capability.CHECK_OUT), Map.entry("09", Capability.CHECK_IN),
            Map.entry("29", Capability.RENEW), Map.entry("65", Capability.RENEW), Map.entry("15", Capability.HOLD),
            Map.entry("37", Capability.PAY_FEES), Map.entry("01", Capability.BLOCK), Map.entry("25", Capability.BLOCK));

    private final Sip2Accounts accounts;
    private final Circulating circulating;
    private final CirculatingItems items;
    private final ReaderCards cards;
    private final Holds holds;
    private final OrgUnits units;
    private final AccessControl access;
    private final MessageSource messages;
    private final Clock clock;
    private final org.shuxiang.circulation.ManagingFees fees;
    private final Devices devices;

    Sip2Service(Sip2Accounts accounts, Circulating circulating, CirculatingItems items, ReaderCards cards, Holds holds,
                OrgUnits units, AccessControl access, MessageSource messages, Clock clock,
                org.shuxiang.circulation.ManagingFees fees, Devices devices) {
        this.fees = fees;
        this.devices = devices;
        this.accounts = accounts;
        this.circulating = circulating;
        this.items = items;
        this.cards = cards;
        this.holds = holds;
        this.units = units;
        this.access = access;
        this.messages = messages;
        this.clock = clock;
    }

    /** The answer to a request, or null when none is due (a command the server does not offer). */
    String answer(Sip2Session session, Sip2Message request) {
        if (request.command().equals("93")) {
            return login(session, request);
        }
        Sip2Accounts.Account account = session.account();
        devices.seenSip2(account.login());
        Capability needed = NEEDS.get(request.command());
        if (needed != null && !account.may(needed)) {
            log.info("SIP2 {}: message {} needs {}, which this machine may not do", account.login(),
                    request.command(), needed);
            return notHere(account, request);
        }
        return access.as(session.actor(), () -> switch (request.command()) {
            case "99" -> status(session, account);
            case "23" -> patronStatus(account, request);
            case "63" -> patronInformation(account, request);
            case "11" -> checkout(account, request);
            case "09" -> checkin(account, request);
            case "17" -> itemInformation(account, request);
            case "29" -> renew(account, request);
            case "35" -> endSession(account, request);
            case "65" -> renewAll(account, request);
            case "15" -> hold(account, request);
            case "37" -> feePaid(account, request);
            case "01" -> blockPatron(account, request);
            case "25" -> patronEnable(account, request);
            case "19" -> itemStatusUpdate(account, request);
            default -> {
                log.info("SIP2 {}: message {} is not offered; no answer", account.login(), request.command());
                yield null;
            }
        });
    }

    private String login(Sip2Session session, Sip2Message request) {
        Optional<Sip2Accounts.Account> account = accounts.login(request.field("CN"), request.field("CO"));
        if (account.isEmpty()) {
            log.warn("SIP2 login refused for \"{}\"", request.field("CN"));
            session.refuse();
            return "940";
        }
        session.loggedIn(account.get(), request.field("CP"));
        devices.seenSip2(account.get().login());
        log.info("SIP2 {} logged in at {}", account.get().login(), account.get().unitCode());
        return "941";
    }

    private String status(Sip2Session session, Sip2Accounts.Account account) {
        StringBuilder supported = new StringBuilder(SUPPORTED.size());
        for (String command : SUPPORTED) {
            Capability needed = NEEDS.get(command);
            supported.append(needed == null || account.may(needed) ? 'Y' : 'N');
        }
        return new Sip2Response("98").flag(true).flag(account.may(Capability.CHECK_IN)).flag(account.mayCheckOut())
                .flag(account.may(Capability.RENEW)).flag(true)
                .flag(false).fixed("030").fixed("003").date(now()).fixed("2.00")
                .field("AO", account.unitCode()).field("AM", units.nameOf(account.unitCode()))
                .field("BX", supported.toString()).optional("AN", session.location()).toString();
    }

    private String patronStatus(Sip2Accounts.Account account, Sip2Message request) {
        String card = request.field("AA");
        String pin = request.field("AD");
        Optional<Circulating.Summary> summary = circulating.summary(card == null ? "" : card);
        Sip2Response answer = new Sip2Response("24").fixed(patronStatus(summary))
                .fixed(language(request.fixed().substring(0, 3))).date(now());
        patron(answer, account, card, pin, summary);
        return answer.optional("AF", screenMessage(account, summary, card)).toString();
    }

    /** The fields 24 and 64 share: institution, patron, name, valid patron and PIN, what is owed. */
    private void patron(Sip2Response answer, Sip2Accounts.Account account, String card, String pin,
                        Optional<Circulating.Summary> summary) {
        answer.field("AO", account.unitCode()).field("AA", card)
                .field("AE", summary.map(s -> s.holder().name()).orElse(""))
                .field("BL", yn(summary.isPresent()));
        if (pin != null) {
            answer.field("CQ", yn(summary.isPresent() && cards.checkPin(card, pin).accepted()));
        }
        summary.ifPresent(s -> answer.field("BH", "CNY").field("BV", yuan(s.owedCents())));
    }

    private String patronInformation(Sip2Accounts.Account account, Sip2Message request) {
        String card = request.field("AA");
        String pin = request.field("AD");
        String selection = request.fixed().substring(21, 31);
        Optional<Circulating.Shown> shown = circulating.summaryWithHolds(card == null ? "" : card);
        Optional<Circulating.Summary> summary = shown.map(Circulating.Shown::summary);
        List<Loan> loans = summary.map(Circulating.Summary::loans).orElse(List.of());
        LocalDate today = LocalDate.now(clock);
        List<Loan> overdue = loans.stream().filter(l -> l.dueOn().isBefore(today)).toList();
        List<Hold> live = shown.map(Circulating.Shown::liveHolds).orElse(List.of());
        List<Hold> ready = live.stream().filter(h -> h.status() == Hold.Status.READY).toList();
        List<Hold> waiting = live.stream().filter(h -> h.status() != Hold.Status.READY).toList();
        Sip2Response answer = new Sip2Response("64").fixed(patronStatus(summary))
                .fixed(language(request.fixed().substring(0, 3))).date(now())
                .count(ready.size()).count(overdue.size()).count(loans.size())
                .count(summary.map(s -> s.owedCents() > 0 ? 1 : 0).orElse(0)).count(0).count(waiting.size());
        patron(answer, account, card, pin, summary);
        int from = range(request.field("BP"), 1);
        int to = range(request.field("BQ"), Integer.MAX_VALUE);
        if (selected(selection, 0)) {
            window(ready.stream().map(h -> h.targetBarcode() != null ? h.targetBarcode() : h.title()).toList(), from, to)
                    .forEach(v -> answer.field("AS", v));
        } else if (selected(selection, 1)) {
            window(overdue.stream().map(Loan::barcode).toList(), from, to).forEach(v -> answer.field("AT", v));
        } else if (selected(selection, 2)) {
            window(loans.stream().map(Loan::barcode).toList(), from, to).forEach(v -> answer.field("AU", v));
        } else if (selected(selection, 5)) {
            window(waiting.stream().map(Hold::title).toList(), from, to).forEach(v -> answer.field("CD", v));
        }
        return answer.optional("AF", screenMessage(account, summary, card)).toString();
    }

    private String checkout(Sip2Accounts.Account account, Sip2Message request) {
        boolean renewalPolicy = request.fixed().charAt(0) == 'Y';
        String card = request.field("AA");
        String barcode = request.field("AB");
        String pin = request.field("AD");
        Sip2Response failed = notCharged("12", account, card, barcode);
        Optional<String> pinRefused = pinRefused(account, card, pin);
        if (pinRefused.isPresent()) {
            return failed.field("AJ", "").field("AH", "").field("AF", pinRefused.get()).toString();
        }
        try {
            Circulating.Checkout checkout = circulating.checkout(card, barcode, account.unitCode(), null);
            return charged("12", account, card, checkout.loan(), false);
        } catch (RefusedException refused) {
            if (refused.refusal() == CirculationRefusal.ITEM_ALREADY_ON_LOAN && renewalPolicy) {
                Optional<Loan> loan = circulating.openLoanOf(barcode);
                Optional<Circulating.Summary> holder = circulating.summary(card);
                if (loan.isPresent() && holder.isPresent() && loan.get().readerId() == holder.get().holder().readerId()) {
                    try {
                        return charged("12", account, card, circulating.renew(loan.get().id()), true);
                    } catch (RefusedException renewalRefused) {
                        refused = renewalRefused;
                    }
                }
            }
            return failed.field("AJ", title(barcode)).field("AH", "").field("AF", text(account, refused)).toString();
        }
    }

    /** A successful checkout (12) or renewal (30): the title, the due date, the loan as transaction id. */
    private String charged(String command, Sip2Accounts.Account account, String card, Loan loan, boolean renewal) {
        return new Sip2Response(command).fixed("1").flag(renewal).fixed("N").flag(true).date(now())
                .field("AO", account.unitCode()).field("AA", card).field("AB", loan.barcode())
                .field("AJ", loan.title()).field("AH", Sip2Response.stamp(endOf(loan.dueOn())))
                .field("BK", Long.toString(loan.id()))
                .field("AF", text(account, "sip2.DUE_ON", loan.title(), loan.dueOn().toString())).toString();
    }

    private String checkin(Sip2Accounts.Account account, Sip2Message request) {
        String barcode = request.field("AB");
        try {
            Circulating.Checkin checkin = circulating.checkin(barcode, account.unitCode());
            boolean alert = switch (checkin.routing()) {
                case RESHELVE, STAY_HERE -> false;
                default -> true;
            };
            String alertType = switch (checkin.routing()) {
                case HOLD_SHELF -> "01";
                case SEND_FOR_HOLD -> "02";
                case SEND_TO_OWNER -> "04";
                default -> null;
            };
            Sip2Response answer = new Sip2Response("10").fixed("1").flag(true).fixed("N").flag(alert).date(now())
                    .field("AO", account.unitCode()).field("AB", checkin.loan().barcode())
                    .field("AQ", checkin.owningUnit())
                    .field("AJ", checkin.loan().title()).field("AA", checkin.loan().cardNumber());
            if (alert) {
                answer.field("CT", checkin.destination()).field("CV", alertType);
            }
            String message = switch (checkin.routing()) {
                case HOLD_SHELF -> text(account, "sip2.ROUTE_HOLD_SHELF");
                case SEND_FOR_HOLD -> text(account, "sip2.ROUTE_SEND_FOR_HOLD", checkin.destinationName());
                case SEND_TO_OWNER -> text(account, "sip2.ROUTE_SEND_TO_OWNER", checkin.destinationName());
                default -> text(account, "sip2.ROUTE_RESHELVE");
            };
            if (checkin.feeCents() > 0) {
                message = message + " " + text(account, "sip2.FEE_CHARGED", yuan(checkin.feeCents()));
            }
            return answer.field("AF", message).toString();
        } catch (RefusedException refused) {
            return new Sip2Response("10").fixed("0").flag(false).fixed("N").flag(true).date(now())
                    .field("AO", account.unitCode()).field("AB", barcode).field("AQ", "")
                    .field("AJ", title(barcode)).field("AF", text(account, refused)).toString();
        }
    }

    private String itemInformation(Sip2Accounts.Account account, Sip2Message request) {
        String barcode = request.field("AB");
        Optional<CirculationItem> found = items.find(barcode);
        if (found.isEmpty()) {
            return new Sip2Response("18").fixed("01").fixed("00").fixed("01").date(now())
                    .field("AB", barcode).field("AJ", "").field("AO", account.unitCode())
                    .field("AF", text(account, CirculationRefusal.ITEM_UNKNOWN, barcode)).toString();
        }
        CirculationItem item = found.get();
        String status = switch (item.status()) {
            case AVAILABLE -> "03";
            case ON_LOAN -> "04";
            case ON_HOLD_SHELF -> "08";
            case IN_TRANSIT -> "10";
            case LOST -> "12";
            case MISSING -> "13";
            default -> "01";
        };
        Sip2Response answer = new Sip2Response("18").fixed(status).fixed("00").fixed("01").date(now())
                .field("CF", Integer.toString(holds.waiting(item.recordId())));
        if (item.status() == org.shuxiang.catalog.ItemStatus.ON_LOAN) {
            circulating.openLoanOf(item.barcode())
                    .ifPresent(loan -> answer.field("AH", Sip2Response.stamp(endOf(loan.dueOn()))));
        }
        answer.field("AB", item.barcode()).field("AJ", item.title()).field("AO", account.unitCode())
                .field("BG", units.nameOf(item.owningUnit())).field("AQ", item.owningUnit())
                .field("AP", item.currentUnit());
        items.reportedProperties(item.id()).ifPresent(p -> answer.field("CH", p));
        return answer.toString();
    }

    private String renew(Sip2Accounts.Account account, Sip2Message request) {
        String card = request.field("AA");
        String barcode = request.field("AB");
        String pin = request.field("AD");
        Sip2Response failed = notCharged("30", account, card, barcode);
        Optional<String> pinRefused = pinRefused(account, card, pin);
        if (pinRefused.isPresent()) {
            return failed.field("AJ", "").field("AH", "").field("AF", pinRefused.get()).toString();
        }
        Optional<Loan> loan = circulating.openLoanOf(barcode);
        Optional<Circulating.Summary> holder = circulating.summary(card == null ? "" : card);
        if (loan.isEmpty() || holder.isEmpty() || loan.get().readerId() != holder.get().holder().readerId()) {
            return failed.field("AJ", title(barcode)).field("AH", "")
                    .field("AF", text(account, CirculationRefusal.LOAN_NOT_FOUND, barcode)).toString();
        }
        try {
            return charged("30", account, card, circulating.renew(loan.get().id()), true);
        } catch (RefusedException refused) {
            return failed.field("AJ", loan.get().title()).field("AH", "").field("AF", text(account, refused)).toString();
        }
    }

    private String endSession(Sip2Accounts.Account account, Sip2Message request) {
        return new Sip2Response("36").flag(true).date(now()).field("AO", account.unitCode())
                .field("AA", request.field("AA")).toString();
    }

    private String renewAll(Sip2Accounts.Account account, Sip2Message request) {
        String card = request.field("AA");
        String pin = request.field("AD");
        Sip2Response failed = noneRenewed(account);
        Optional<String> pinRefused = pinRefused(account, card, pin);
        if (pinRefused.isPresent()) {
            return failed.field("AF", pinRefused.get()).toString();
        }
        try {
            Circulating.RenewAll all = circulating.renewAll(card == null ? "" : card);
            Sip2Response answer = new Sip2Response("66").fixed("1").count(all.renewed().size())
                    .count(all.refused().size()).date(now()).field("AO", account.unitCode());
            all.renewed().forEach(loan -> answer.field("BM", loan.barcode()));
            all.refused().keySet().forEach(barcode -> answer.field("BN", barcode));
            return answer.field("AF", text(account, "sip2.RENEWED_ALL", all.renewed().size(), all.refused().size()))
                    .toString();
        } catch (RefusedException refused) {
            return failed.field("AF", text(account, refused)).toString();
        }
    }

    /** Hold 15: mode {@code +} places a hold on the item's title, {@code -} cancels the reader's hold on it. */
    private String hold(Sip2Accounts.Account account, Sip2Message request) {
        char mode = request.fixed().charAt(0);
        String card = request.field("AA");
        String barcode = request.field("AB");
        String pin = request.field("AD");
        String pickup = request.field("BS") == null || request.field("BS").isBlank() ? account.unitCode()
                : request.field("BS");
        Sip2Response failed = noHold(account, card);
        Optional<String> pinRefused = pinRefused(account, card, pin);
        if (pinRefused.isPresent()) {
            return failed.field("AF", pinRefused.get()).toString();
        }
        Optional<CirculationItem> item = items.find(barcode);
        if (item.isEmpty()) {
            return failed.optional("AB", barcode)
                    .field("AF", text(account, CirculationRefusal.ITEM_UNKNOWN, barcode)).toString();
        }
        try {
            if (mode == '-') {
                Optional<Circulating.Summary> holder = circulating.summary(card == null ? "" : card);
                Optional<Hold> live = holder.flatMap(h -> holds.ofReader(h.holder().readerId()).stream()
                        .filter(x -> x.recordId() == item.get().recordId())
                        .filter(x -> x.status() == Hold.Status.WAITING || x.status() == Hold.Status.IN_TRANSIT
                                || x.status() == Hold.Status.READY)
                        .findFirst());
                if (live.isEmpty()) {
                    return failed.field("AB", barcode).field("AJ", item.get().title())
                            .field("AF", text(account, "sip2.NO_HOLD")).toString();
                }
                holds.cancel(live.get().id());
                return new Sip2Response("16").fixed("1").flag(false).date(now()).field("AO", account.unitCode())
                        .field("AA", card).field("AB", barcode).field("AJ", item.get().title())
                        .field("AF", text(account, "sip2.HOLD_CANCELLED", item.get().title())).toString();
            }
            Hold placed = holds.place(card, item.get().recordId(), null, pickup);
            return new Sip2Response("16").fixed("1").flag(placed.status() == Hold.Status.READY).date(now())
                    .field("BR", Integer.toString(placed.queuePosition())).field("BS", placed.pickupUnit())
                    .field("AO", account.unitCode()).field("AA", card).field("AB", barcode)
                    .field("AJ", placed.title())
                    .field("AF", text(account, "sip2.HOLD_PLACED", placed.title(), units.nameOf(placed.pickupUnit())))
                    .toString();
        } catch (RefusedException refused) {
            return failed.field("AB", barcode).field("AJ", item.get().title()).field("AF", text(account, refused))
                    .toString();
        }
    }

    /** Fee paid 37: the amount (BV, in yuan) settles the reader's oldest fees, as at a desk. */
    private String feePaid(Sip2Accounts.Account account, Sip2Message request) {
        String card = request.field("AA");
        String paymentType = request.fixed().substring(20, 22);
        String transaction = request.field("BK");
        Sip2Response refused = new Sip2Response("38").flag(false).date(now()).field("AO", account.unitCode())
                .field("AA", card).optional("BK", transaction);
        int cents;
        try {
            cents = new java.math.BigDecimal(request.field("BV") == null ? "" : request.field("BV").strip())
                    .movePointRight(2).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return refused.field("AF", text(account, "sip2.AMOUNT_UNREADABLE", request.field("BV"))).toString();
        }
        Optional<Circulating.Summary> holder = circulating.summary(card == null ? "" : card);
        if (holder.isEmpty()) {
            return refused.field("AF", text(account, CirculationRefusal.CARD_UNKNOWN, card)).toString();
        }
        String method = switch (paymentType) {
            case "00" -> "CASH";
            case "01", "02" -> "CARD";
            default -> "OTHER";
        };
        try {
            fees.pay(holder.get().holder().readerId(), cents, method,
                    "sip2:" + account.login() + (transaction == null ? "" : ":" + transaction));
            return new Sip2Response("38").flag(true).date(now()).field("AO", account.unitCode()).field("AA", card)
                    .optional("BK", transaction).field("AF", text(account, "sip2.PAID", yuan(cents))).toString();
        } catch (RefusedException e) {
            return refused.field("AF", text(account, e)).toString();
        }
    }

    /**
     * Block patron 01: the machine blocks the card (card retained, or the reader reported it at the kiosk),
     * with the machine's message (AL) as the reason; answered with the patron status (24).
     */
    private String blockPatron(Sip2Accounts.Account account, Sip2Message request) {
        boolean retained = request.fixed().charAt(0) == 'Y';
        String card = request.field("AA") == null ? "" : request.field("AA");
        String message = request.field("AL");
        String reason = (message == null || message.isBlank() ? text(account, "sip2.BLOCKED_BY_MACHINE", account.login())
                : message.strip()) + (retained ? " (" + text(account, "sip2.CARD_RETAINED") + ")" : "");
        Optional<ReaderCards.Holder> blocked = cards.blockByMachine(card, reason);
        if (blocked.isPresent()) {
            log.info("SIP2 {} blocked card {}: {}", account.login(), card, reason);
        }
        Optional<Circulating.Summary> summary = circulating.summary(card);
        Sip2Response answer = new Sip2Response("24").fixed(patronStatus(summary)).fixed("000").date(now());
        patron(answer, account, card, null, summary);
        return answer.optional("AF", blocked.isPresent() ? text(account, "sip2.PATRON_BLOCKED")
                : text(account, CirculationRefusal.CARD_UNKNOWN, card)).toString();
    }

    /** Patron enable 25: lifts the blocks machines placed; staff blocks stay. Answered with 26. */
    private String patronEnable(Sip2Accounts.Account account, Sip2Message request) {
        String card = request.field("AA") == null ? "" : request.field("AA");
        String pin = request.field("AD");
        Optional<String> pinRefused = pinRefused(account, card, pin);
        Optional<ReaderCards.Holder> enabled = pinRefused.isPresent() ? Optional.empty() : cards.enableByMachine(card);
        Optional<Circulating.Summary> summary = circulating.summary(card);
        Sip2Response answer = new Sip2Response("26").fixed(patronStatus(summary)).fixed("000").date(now())
                .field("AO", account.unitCode()).field("AA", card)
                .field("AE", summary.map(s -> s.holder().name()).orElse(""))
                .field("BL", yn(summary.isPresent()));
        if (pin != null) {
            answer.field("CQ", yn(pinRefused.isEmpty() && summary.isPresent()));
        }
        String message = pinRefused.orElseGet(() -> enabled.isEmpty()
                ? text(account, CirculationRefusal.CARD_UNKNOWN, card)
                : Optional.ofNullable(screenMessage(account, summary, card))
                        .orElseGet(() -> text(account, "sip2.PATRON_ENABLED")));
        return answer.optional("AF", message).toString();
    }

    /** Item status update 19: the machine's item properties (CH) are kept and shown in item information. */
    private String itemStatusUpdate(Sip2Accounts.Account account, Sip2Message request) {
        String barcode = request.field("AB");
        String properties = request.field("CH") == null ? "" : request.field("CH");
        if (properties.length() > 255) {
            return new Sip2Response("20").fixed("0").date(now()).field("AB", barcode).field("AJ", title(barcode))
                    .field("AF", text(account, "sip2.PROPERTIES_TOO_LONG")).toString();
        }
        Optional<CirculationItem> item = items.reportProperties(barcode, properties, "sip2:" + account.login());
        if (item.isEmpty()) {
            return new Sip2Response("20").fixed("0").date(now()).field("AB", barcode).field("AJ", "")
                    .field("AF", text(account, CirculationRefusal.ITEM_UNKNOWN, barcode)).toString();
        }
        return new Sip2Response("20").fixed("1").date(now()).field("AB", item.get().barcode())
                .field("AJ", item.get().title()).field("AF", text(account, "sip2.PROPERTIES_SAVED")).toString();
    }

    /**
     * The refusal of a request this machine may not make (a book drop asked to lend), in the layout of the
     * answer the request expects.
     */
    private String notHere(Sip2Accounts.Account account, Sip2Message request) {
        String card = request.field("AA");
        String barcode = request.field("AB");
        String message = request.command().equals("11") ? text(account, "sip2.CHECKOUT_NOT_HERE")
                : text(account, "sip2.OPERATION_NOT_HERE");
        String denied = patronStatus(Optional.empty());
        Sip2Response answer = switch (request.command()) {
            case "23", "01" -> new Sip2Response("24").fixed(denied).fixed("000").date(now())
                    .field("AO", account.unitCode()).field("AA", card).field("AE", "").field("BL", "N");
            case "25" -> new Sip2Response("26").fixed(denied).fixed("000").date(now())
                    .field("AO", account.unitCode()).field("AA", card).field("AE", "").field("BL", "N");
            case "63" -> new Sip2Response("64").fixed(denied).fixed("000").date(now()).count(0).count(0).count(0)
                    .count(0).count(0).count(0).field("AO", account.unitCode()).field("AA", card).field("AE", "")
                    .field("BL", "N");
            case "35" -> new Sip2Response("36").flag(false).date(now()).field("AO", account.unitCode())
                    .field("AA", card);
            case "11", "29" -> notCharged(request.command().equals("11") ? "12" : "30", account, card, barcode)
                    .field("AJ", "").field("AH", "");
            case "09" -> new Sip2Response("10").fixed("0").flag(false).fixed("N").flag(false).date(now())
                    .field("AO", account.unitCode()).field("AB", barcode).field("AQ", "");
            case "65" -> noneRenewed(account);
            case "15" -> noHold(account, card);
            case "37" -> new Sip2Response("38").flag(false).date(now()).field("AO", account.unitCode())
                    .field("AA", card);
            default -> throw new IllegalStateException("no refusal layout for " + request.command());
        };
        return answer.field("AF", message).toString();
    }

    /** The head of a refused checkout (12) or renewal (30): nothing lent, nothing to desensitise. */
    private Sip2Response notCharged(String command, Sip2Accounts.Account account, String card, String barcode) {
        return new Sip2Response(command).fixed("0").flag(false).fixed("N").flag(false).date(now())
                .field("AO", account.unitCode()).field("AA", card).field("AB", barcode);
    }

    /** The head of a refused renew all (66): none renewed, none refused one by one. */
    private Sip2Response noneRenewed(Sip2Accounts.Account account) {
        return new Sip2Response("66").fixed("0").count(0).count(0).date(now()).field("AO", account.unitCode());
    }

    /** The head of a refused hold (16). */
    private Sip2Response noHold(Sip2Accounts.Account account, String card) {
        return new Sip2Response("16").fixed("0").flag(false).date(now()).field("AO", account.unitCode())
                .field("AA", card);
    }

    /** Why a PIN the machine sent is not accepted, in the machine's language; empty when none was sent or it is right. */
    private Optional<String> pinRefused(Sip2Accounts.Account account, String card, String pin) {
        if (pin == null) {
            return Optional.empty();
        }
        return switch (cards.checkPin(card == null ? "" : card, pin)) {
            case ACCEPTED -> Optional.empty();
            case LOCKED -> Optional.of(text(account, "sip2.PIN_LOCKED"));
            case NO_PIN -> Optional.of(text(account, "sip2.PIN_NOT_SET"));
            default -> Optional.of(text(account, "sip2.PIN_WRONG"));
        };
    }

    /** The 14 patron status flags: privileges denied when the desk would refuse, and why. */
    private String patronStatus(Optional<Circulating.Summary> summary) {
        char[] flags = "              ".toCharArray();
        if (summary.isEmpty()) {
            flags[CHARGE_DENIED] = flags[RENEWAL_DENIED] = flags[RECALL_DENIED] = flags[HOLD_DENIED] = 'Y';
            return new String(flags);
        }
        Optional<Refusal> refusal = summary.get().borrowingRefusal();
        if (refusal.isPresent()) {
            flags[CHARGE_DENIED] = 'Y';
            Refusal r = refusal.get();
            if (r != CirculationRefusal.LOAN_LIMIT_REACHED) {
                flags[RENEWAL_DENIED] = flags[RECALL_DENIED] = flags[HOLD_DENIED] = 'Y';
            }
            if (r == CirculationRefusal.CARD_REPLACED) {
                flags[CARD_LOST] = 'Y';
            } else if (r == CirculationRefusal.LOAN_LIMIT_REACHED) {
                flags[TOO_MANY_CHARGED] = 'Y';
            } else if (r == CirculationRefusal.TOO_MANY_OVERDUE) {
                flags[TOO_MANY_OVERDUE] = 'Y';
            } else if (r == CirculationRefusal.FEES_OWED) {
                flags[EXCESSIVE_FINES] = 'Y';
            }
        }
        return new String(flags);
    }

    private String screenMessage(Sip2Accounts.Account account, Optional<Circulating.Summary> summary, String card) {
        if (summary.isEmpty()) {
            return text(account, CirculationRefusal.CARD_UNKNOWN, card);
        }
        return summary.get().borrowingRefusal().map(r -> text(account, r, summary.get().refusalArguments()))
                .orElse(null);
    }

    private String title(String barcode) {
        return items.find(barcode).map(CirculationItem::title).orElse("");
    }

    private String text(Sip2Accounts.Account account, RefusedException refused) {
        return text(account, refused.refusal(), refused.arguments());
    }

    private String text(Sip2Accounts.Account account, Refusal refusal, Object... arguments) {
        return messages.getMessage(refusal.messageKey(), arguments, refusal.name(), account.locale());
    }

    private String text(Sip2Accounts.Account account, String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, account.locale());
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(clock);
    }

    private ZonedDateTime endOf(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone());
    }

    /** The language the machine asked for, echoed; 000 (unknown) when it sent none. */
    private static String language(String code) {
        return code.isBlank() ? "000" : code;
    }

    private static String yn(boolean yes) {
        return yes ? "Y" : "N";
    }

    private static String yuan(int cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static boolean selected(String selection, int position) {
        return selection.length() > position && selection.charAt(position) == 'Y';
    }

    private static int range(String value, int otherwise) {
        try {
            return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Items {@code from} to {@code to} of a list (1-based, inclusive), as BP and BQ select them. */
    private static List<String> window(List<String> all, int from, int to) {
        int start = Math.max(from, 1) - 1;
        int end = Math.min(to, all.size());
        return start >= end ? List.of() : all.subList(start, end);
    }
}
