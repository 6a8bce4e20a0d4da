package org.shuxiang.desk;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;
import org.shuxiang.circulation.Circulating;
import org.shuxiang.circulation.Fee;
import org.shuxiang.circulation.Loan;
import org.shuxiang.circulation.ManagingFees;
import org.shuxiang.holds.Holds;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.web.PageText;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The circulation desk: scan a card and then books to lend; scan returns and see where each goes, with a
 * slip to print; renew; take fees. Every refusal is shown in words. A form carries a request id, so a
 * checkout sent twice (a double click, a reload) lends once.
 */
@Controller
class CirculationDeskController {

    /** A return taken at this desk in this session, with where it goes: the desk's list and its slips. */
    record Returned(String barcode, String title, String cardNumber, Circulating.Routing routing,
                    String destination, String destinationName, String holdReader, int feeCents, long daysLate,
                    Instant at, String unitName) implements Serializable {
    }

    static final String RETURNS = "shuxiang.desk.returns";
    private static final int KEEP_RETURNS = 50;

    private final Circulating circulation;
    private final ManagingFees fees;
    private final Holds holds;
    private final OrgUnits units;
    private final DeskUnits desks;
    private final PageText text;
    private final java.time.Clock clock;

    CirculationDeskController(Circulating circulation, ManagingFees fees, Holds holds,
                              OrgUnits units, DeskUnits desks, PageText text, java.time.Clock clock) {
        this.clock = clock;
        this.circulation = circulation;
        this.fees = fees;
        this.holds = holds;
        this.units = units;
        this.desks = desks;
        this.text = text;
    }

    @GetMapping("/staff/desk")
    String desk(@RequestParam(required = false) String unit, @RequestParam(required = false) String card,
                HttpSession session, Model model, Locale locale) {
        Optional<OrgUnit> here = desks.current(session, unit);
        model.addAttribute("units", desks.where(Permission.CIRCULATE));
        model.addAttribute("here", here.orElse(null));
        model.addAttribute("requestId", UUID.randomUUID().toString());
        model.addAttribute("today", units.today());
        if (here.isEmpty() || card == null || card.isBlank()) {
            return "staff/desk";
        }
        try {
            Optional<Circulating.Summary> summary = circulation.summary(card.strip());
            if (summary.isEmpty()) {
                model.addAttribute("error", text.of("desk.cardUnknown", locale, card.strip()));
                return "staff/desk";
            }
            Circulating.Summary s = summary.get();
            model.addAttribute("card", s.holder().cardNumber());
            model.addAttribute("summary", s);
            s.borrowingRefusal().ifPresent(refusal -> model.addAttribute("standing",
                    text.of(refusal.messageKey(), locale, s.refusalArguments())));
            model.addAttribute("homeName", units.cached(s.holder().homeUnit()).displayName(locale));
            if (s.owedCents() > 0) {
                model.addAttribute("fees", fees.fees(s.holder().readerId()).stream()
                        .filter(f -> f.owedCents() > 0).toList());
            }
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
        }
        return "staff/desk";
    }

    @PostMapping("/staff/desk/checkout")
    String checkout(@RequestParam String card, @RequestParam(defaultValue = "") String barcode,
                    @RequestParam(defaultValue = "") String requestId, HttpSession session,
                    RedirectAttributes redirect, Locale locale) {
        OrgUnit here = desks.current(session, null).orElse(null);
        if (here != null && !barcode.isBlank()) {
            try {
                Circulating.Checkout done = circulation.checkout(card, barcode.strip(), here.code(),
                        requestId.isBlank() ? null : requestId);
                redirect.addFlashAttribute("notice", text.of("desk.lent", locale, done.loan().title(),
                        done.loan().barcode(), done.loan().dueOn()));
            } catch (RefusedException refused) {
                redirect.addFlashAttribute("error", text.sentence(refused, locale));
            }
        }
        return "redirect:" + deskAddress(card);
    }

    @PostMapping("/staff/desk/renew")
    String renew(@RequestParam String card, @RequestParam long loan, RedirectAttributes redirect, Locale locale) {
        try {
            Loan renewed = circulation.renew(loan);
            redirect.addFlashAttribute("notice", text.of("desk.renewed", locale, renewed.title(), renewed.dueOn()));
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:" + deskAddress(card);
    }

    @PostMapping("/staff/desk/pay")
    String pay(@RequestParam String card, @RequestParam long reader, @RequestParam(defaultValue = "") String amount,
               @RequestParam(defaultValue = "CASH") String method, @RequestParam(defaultValue = "") String reference,
               RedirectAttributes redirect, Locale locale) {
        int cents;
        try {
            cents = new BigDecimal(amount.strip()).movePointRight(2).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            redirect.addFlashAttribute("error", text.of("desk.amountInvalid", locale, amount));
            return "redirect:" + deskAddress(card);
        }
        try {
            List<Fee> settled = fees.pay(reader, cents, method, reference.isBlank() ? null : reference.strip());
            redirect.addFlashAttribute("notice", text.of("desk.paid", locale,
                    BigDecimal.valueOf(cents, 2).toPlainString(), settled.size()));
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:" + deskAddress(card);
    }

    @GetMapping("/staff/desk/returns")
    String returns(@RequestParam(required = false) String unit, HttpSession session, Model model) {
        model.addAttribute("units", desks.where(Permission.CIRCULATE));
        model.addAttribute("here", desks.current(session, unit).orElse(null));
        model.addAttribute("returns", returned(session));
        return "staff/returns";
    }

    @PostMapping("/staff/desk/returns")
    String checkin(@RequestParam(defaultValue = "") String barcode, HttpSession session, RedirectAttributes redirect,
                   Locale locale) {
        OrgUnit here = desks.current(session, null).orElse(null);
        if (here == null || barcode.isBlank()) {
            return "redirect:/staff/desk/returns";
        }
        try {
            Circulating.Checkin done = circulation.checkin(barcode.strip(), here.code());
            String holdReader = null;
            if (done.holdId() != null) {
                Holds.HoldFor hold = holds.holdFor(done.holdId());
                holdReader = hold.readerName() + " " + hold.cardNumber();
            }
            String destinationName = done.destination() == null ? null
                    : units.cached(done.destination()).displayName(locale);
            List<Returned> list = returned(session);
            list.add(0, new Returned(done.loan().barcode(), done.loan().title(), done.loan().cardNumber(),
                    done.routing(), done.destination(), destinationName, holdReader, done.feeCents(),
                    done.daysLate(), done.loan().returnedAt(), here.displayName(locale)));
            while (list.size() > KEEP_RETURNS) {
                list.remove(list.size() - 1);
            }
            session.setAttribute(RETURNS, list);
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/desk/returns";
    }

    /** A routing slip to print and put in the book: where it goes, for whom, from which desk. */
    @GetMapping("/staff/desk/returns/{barcode}/slip")
    String slip(@PathVariable String barcode, HttpSession session, Model model) {
        Returned item = returned(session).stream().filter(r -> r.barcode().equals(barcode)).findFirst()
                .orElse(null);
        if (item == null) {
            return "redirect:/staff/desk/returns";
        }
        model.addAttribute("item", item);
        model.addAttribute("day", LocalDate.ofInstant(item.at(), clock.getZone()));
        return "staff/slip";
    }

    @SuppressWarnings("unchecked")
    private static List<Returned> returned(HttpSession session) {
        Object kept = session.getAttribute(RETURNS);
        return kept instanceof List<?> list ? new ArrayList<>((List<Returned>) list) : new ArrayList<>();
    }

    private static String deskAddress(String card) {
        return UriComponentsBuilder.fromPath("/staff/desk").queryParam("card", card).build().encode().toUriString();
    }
}
