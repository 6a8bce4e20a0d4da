package org.shuxiang.site;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shuxiang.circulation.Circulating;
import org.shuxiang.circulation.Fee;
import org.shuxiang.circulation.Loan;
import org.shuxiang.circulation.ManagingFees;
import org.shuxiang.holds.Hold;
import org.shuxiang.holds.Holds;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.notices.Notices;
import org.shuxiang.patrons.CardType;
import org.shuxiang.patrons.ManagingReaders;
import org.shuxiang.patrons.Reader;
import org.shuxiang.patrons.ReaderSignIn;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.RefusedException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Signing in with a card (or identity card) number and PIN, and the reader's account: loans and renewals,
 * holds, fees, notices, reading history and the card as a QR code. A guardian switches to a child's card.
 */
@Controller
class AccountController {

    private final ReaderSignIn signIns;
    private final ReaderSession session;
    private final ManagingReaders readers;
    private final Circulating circulation;
    private final ManagingFees fees;
    private final Holds holds;
    private final Notices notices;
    private final OrgUnits units;
    private final java.time.Clock clock;

    AccountController(ReaderSignIn signIns, ReaderSession session, ManagingReaders readers, Circulating circulation,
                      ManagingFees fees, Holds holds, Notices notices, OrgUnits units, java.time.Clock clock) {
        this.clock = clock;
        this.signIns = signIns;
        this.session = session;
        this.readers = readers;
        this.circulation = circulation;
        this.fees = fees;
        this.holds = holds;
        this.notices = notices;
        this.units = units;
    }

    @GetMapping("/signin")
    String signInForm(@RequestParam(defaultValue = "") String next, Model model) {
        model.addAttribute("next", safeNext(next));
        return "site/signin";
    }

    @PostMapping("/signin")
    String signIn(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String pin,
                  @RequestParam(defaultValue = "") String next, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        ReaderSignIn.Result result = signIns.signIn(login, pin);
        if (result.signedIn()) {
            session.signIn(result.reader(), request, response);
            return "redirect:" + safeNext(next);
        }
        model.addAttribute("next", safeNext(next));
        model.addAttribute("login", login);
        model.addAttribute("errorKey", "site.signin." + result.outcome().name());
        return "site/signin";
    }

    @PostMapping("/signout")
    String signOut(HttpServletRequest request) {
        session.signOut(request);
        return "redirect:/";
    }

    @GetMapping("/account")
    String account(@RequestParam(required = false) Long reader, Model model, Locale locale) {
        Actor.Reader me = session.reader().orElse(null);
        if (me == null) {
            return "redirect:/signin?next=/account";
        }
        long id = reader == null || !me.actsFor().contains(reader) ? me.readerId() : reader;
        Reader shown = readers.get(id);
        LocalDate today = units.today();
        List<Loan> loans = circulation.openLoans(id);
        List<Hold> readerHolds = holds.ofReader(id).stream()
                .filter(h -> h.status() == Hold.Status.WAITING || h.status() == Hold.Status.IN_TRANSIT
                        || h.status() == Hold.Status.READY)
                .sorted(Comparator.comparing(Hold::status).reversed().thenComparing(Hold::placedAt))
                .toList();
        List<Fee> owed = fees.fees(id).stream().filter(f -> f.owedCents() > 0).toList();
        var historySince = readers.readingHistorySince(id);
        model.addAttribute("me", me);
        model.addAttribute("shown", shown);
        model.addAttribute("self", id == me.readerId());
        model.addAttribute("family", family(me));
        model.addAttribute("loans", loans);
        model.addAttribute("overdue", loans.stream().filter(l -> l.dueOn().isBefore(today)).count());
        model.addAttribute("today", today);
        model.addAttribute("holds", readerHolds);
        model.addAttribute("fees", owed);
        model.addAttribute("owedCents", owed.stream().mapToInt(Fee::owedCents).sum());
        model.addAttribute("notices", notices.ofReader(id, 20));
        model.addAttribute("historyOn", historySince.isPresent());
        java.time.ZoneId zone = clock.getZone();
        model.addAttribute("history", historySince.map(since -> circulation.returnedLoans(id, since, 50))
                .orElse(List.of()).stream()
                .map(l -> new Returned(l.title(), l.returnedAt().atZone(zone).toLocalDate())).toList());
        Map<String, String> pickupUnits = new java.util.LinkedHashMap<>();
        Map<String, String> unitNames = new java.util.HashMap<>();
        for (OrgUnit unit : units.active()) {
            unitNames.put(unit.code(), session.unitName(unit, locale));
            if (unit.services().pickupPoint()) {
                pickupUnits.put(unit.code(), session.unitName(unit, locale));
            }
        }
        model.addAttribute("pickupUnits", pickupUnits);
        model.addAttribute("unitNames", unitNames);
        model.addAttribute("cardQr", QrCode.svg(shown.cardNumber(), session.text("site.card.qr", locale)));
        model.addAttribute("homeName", session.unitName(units.cached(shown.homeUnit()), locale));
        model.addAttribute("borrows", shown.cardType() != CardType.READING_ONLY);
        return "site/account";
    }

    /** A book of the reading history: its title and the day it came back. */
    record Returned(String title, LocalDate returnedOn) {
    }

    /** The reader themselves, then the children they are guardian of: the cards they may switch to. */
    private List<Reader> family(Actor.Reader me) {
        if (me.actsFor().size() <= 1) {
            return List.of();
        }
        return readers.children(me.readerId());
    }

    @PostMapping("/account/loans/{loan}/renew")
    String renew(@PathVariable long loan, @RequestParam(required = false) Long reader, RedirectAttributes redirect,
                 Locale locale) {
        return act(reader, redirect, locale, "loans", () -> {
            Loan renewed = circulation.renew(loan);
            return session.text("site.loan.renewed", locale, renewed.title(), renewed.dueOn());
        });
    }

    @PostMapping("/account/renew-all")
    String renewAll(@RequestParam(required = false) Long reader, RedirectAttributes redirect, Locale locale) {
        return act(reader, redirect, locale, "loans", () -> {
            Reader shown = readers.get(target(reader));
            Circulating.RenewAll all = circulation.renewAll(shown.cardNumber());
            return session.text("site.loan.renewedAll", locale, all.renewed().size(), all.refused().size());
        });
    }

    @PostMapping("/account/holds/{hold}/cancel")
    String cancel(@PathVariable long hold, @RequestParam(required = false) Long reader, RedirectAttributes redirect,
                  Locale locale) {
        return act(reader, redirect, locale, "holds", () ->
                session.text("site.hold.cancelled", locale, holds.cancel(hold).title()));
    }

    @PostMapping("/account/holds/{hold}/suspend")
    String suspend(@PathVariable long hold, @RequestParam(required = false) Long reader,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
                   RedirectAttributes redirect, Locale locale) {
        return act(reader, redirect, locale, "holds", () -> {
            LocalDate day = until == null ? units.today().plusDays(30) : until;
            if (!day.isAfter(units.today())) {
                return session.text("site.hold.suspendPast", locale);
            }
            return session.text("site.hold.suspended", locale, holds.suspend(hold, day).title(), day);
        });
    }

    @PostMapping("/account/holds/{hold}/resume")
    String resume(@PathVariable long hold, @RequestParam(required = false) Long reader, RedirectAttributes redirect,
                  Locale locale) {
        return act(reader, redirect, locale, "holds", () ->
                session.text("site.hold.resumed", locale, holds.suspend(hold, null).title()));
    }

    @PostMapping("/account/holds/{hold}/pickup")
    String pickup(@PathVariable long hold, @RequestParam(required = false) Long reader,
                  @RequestParam(defaultValue = "") String pickupUnit, RedirectAttributes redirect, Locale locale) {
        return act(reader, redirect, locale, "holds", () -> {
            Hold changed = holds.changePickup(hold, pickupUnit);
            return session.text("site.hold.pickupChanged", locale, changed.title(),
                    session.unitName(units.cached(changed.pickupUnit()), locale));
        });
    }

    @PostMapping("/account/history")
    String history(@RequestParam(required = false) Long reader, @RequestParam(defaultValue = "false") boolean on,
                   RedirectAttributes redirect, Locale locale) {
        return act(reader, redirect, locale, "history", () -> {
            readers.keepReadingHistory(target(reader), on);
            return session.text(on ? "site.history.switchedOn" : "site.history.switchedOff", locale);
        });
    }

    /** Runs an account action; the reader comes back to the part of the page it was about, with its outcome. */
    private String act(Long reader, RedirectAttributes redirect, Locale locale, String part, Supplier<String> action) {
        if (session.reader().isEmpty()) {
            return "redirect:/signin?next=/account";
        }
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", session.sentence(refused, locale));
        }
        return "redirect:/account" + (reader == null ? "" : "?reader=" + reader) + "#" + part;
    }

    private long target(Long reader) {
        Actor.Reader me = session.reader().orElseThrow();
        return reader == null || !me.actsFor().contains(reader) ? me.readerId() : reader;
    }

    /** Only a path on this site: never an address elsewhere (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.contains("\r") || next.contains("\n")) {
            return "/account";
        }
        return next;
    }
}
