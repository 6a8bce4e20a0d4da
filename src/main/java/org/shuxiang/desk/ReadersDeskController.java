package org.shuxiang.desk;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.shuxiang.circulation.Circulating;
import org.shuxiang.holds.Holds;
import org.shuxiang.patrons.CardType;
import org.shuxiang.patrons.ManagingReaders;
import org.shuxiang.patrons.Reader;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.web.PageText;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Readers at the desk: find by card, identity card number or name (within the staff member's scope), see
 * one with their loans and holds, register, edit, block and unblock, replace a lost card.
 */
@Controller
class ReadersDeskController {

    private static final Pattern CARD = Pattern.compile("[A-Za-z0-9]{6,20}");

    /** The registration form as typed. */
    record Form(String name, String identityNumber, String phone, String email, String address, String homeUnit,
                CardType cardType, Long guardianId, String cardNumber, String pin) {
    }

    private final ManagingReaders readers;
    private final Circulating circulation;
    private final Holds holds;
    private final DeskUnits desks;
    private final PageText text;

    ReadersDeskController(ManagingReaders readers, Circulating circulation, Holds holds, DeskUnits desks,
                          PageText text) {
        this.readers = readers;
        this.circulation = circulation;
        this.holds = holds;
        this.desks = desks;
        this.text = text;
    }

    @GetMapping("/staff/readers")
    String find(@RequestParam(defaultValue = "") String q, Model model, Locale locale) {
        String query = q.strip();
        model.addAttribute("q", query);
        if (query.isEmpty()) {
            return "staff/readers";
        }
        try {
            List<Reader> found;
            if (query.length() == 18 && org.shuxiang.patrons.IdentityCardNumber.parse(query).isPresent()) {
                found = List.of(readers.byIdentity(query));
            } else if (CARD.matcher(query).matches()) {
                found = byCardOrName(query);
            } else {
                found = readers.findByName(query, 50);
            }
            model.addAttribute("found", found);
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
        }
        return "staff/readers";
    }

    private List<Reader> byCardOrName(String query) {
        try {
            return List.of(readers.byCard(query));
        } catch (RefusedException refused) {
            if (refused.refusal() == org.shuxiang.patrons.PatronRefusal.CARD_NOT_FOUND) {
                return readers.findByName(query, 50);
            }
            throw refused;
        }
    }

    @GetMapping("/staff/readers/{id}")
    String reader(@PathVariable long id, Model model, Locale locale) {
        try {
            Reader reader = readers.get(id);
            model.addAttribute("reader", reader);
            model.addAttribute("loans", circulation.openLoans(id));
            model.addAttribute("holds", holds.ofReader(id).stream()
                    .filter(h -> h.status() == org.shuxiang.holds.Hold.Status.WAITING
                            || h.status() == org.shuxiang.holds.Hold.Status.IN_TRANSIT
                            || h.status() == org.shuxiang.holds.Hold.Status.READY).toList());
            model.addAttribute("homes", desks.where(Permission.PATRONS_MANAGE));
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
        }
        return "staff/reader";
    }

    @GetMapping("/staff/readers/new")
    String registerForm(Model model) {
        model.addAttribute("form", new Form("", "", "", "", "", null, CardType.ADULT, null, "", ""));
        model.addAttribute("homes", desks.where(Permission.PATRONS_MANAGE));
        model.addAttribute("cardTypes", CardType.values());
        return "staff/reader-new";
    }

    @PostMapping("/staff/readers/new")
    String register(@ModelAttribute("form") Form form, Model model, Locale locale) {
        try {
            Reader reader = readers.register(new ManagingReaders.Registration(form.name(), form.identityNumber(),
                    form.phone(), form.address(), form.homeUnit(), form.cardType(), form.guardianId(),
                    blank(form.cardNumber()), blank(form.pin()), form.email()));
            return "redirect:/staff/readers/" + reader.id();
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
            model.addAttribute("homes", desks.where(Permission.PATRONS_MANAGE));
            model.addAttribute("cardTypes", CardType.values());
            return "staff/reader-new";
        }
    }

    @PostMapping("/staff/readers/{id}/details")
    String edit(@PathVariable long id, @RequestParam String name, @RequestParam(defaultValue = "") String phone,
                @RequestParam(defaultValue = "") String address, @RequestParam String homeUnit,
                @RequestParam(defaultValue = "") String email, RedirectAttributes redirect, Locale locale) {
        return act(id, redirect, locale, () -> {
            readers.update(id, new ManagingReaders.Details(name, phone, address, homeUnit, email));
            return text.of("desk.reader.saved", locale);
        });
    }

    @PostMapping("/staff/readers/{id}/blocks")
    String block(@PathVariable long id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect,
                 Locale locale) {
        return act(id, redirect, locale, () -> {
            readers.block(id, reason);
            return text.of("desk.reader.blocked", locale);
        });
    }

    @PostMapping("/staff/readers/{id}/blocks/{block}/lift")
    String lift(@PathVariable long id, @PathVariable long block, RedirectAttributes redirect, Locale locale) {
        return act(id, redirect, locale, () -> {
            readers.lift(id, block);
            return text.of("desk.reader.unblocked", locale);
        });
    }

    @PostMapping("/staff/readers/{id}/card-replacement")
    String replaceCard(@PathVariable long id, @RequestParam(defaultValue = "") String cardNumber,
                       RedirectAttributes redirect, Locale locale) {
        return act(id, redirect, locale, () -> text.of("desk.reader.replaced", locale,
                readers.replaceCard(id, blank(cardNumber)).cardNumber()));
    }

    @PostMapping("/staff/readers/{id}/pin")
    String pin(@PathVariable long id, @RequestParam(defaultValue = "") String pin, RedirectAttributes redirect,
               Locale locale) {
        return act(id, redirect, locale, () -> {
            readers.setPin(id, pin);
            return text.of("desk.reader.pinSet", locale);
        });
    }

    private String act(long id, RedirectAttributes redirect, Locale locale, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/readers/" + id;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
