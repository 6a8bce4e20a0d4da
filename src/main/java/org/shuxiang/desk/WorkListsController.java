package org.shuxiang.desk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.shuxiang.circulation.Circulating;
import org.shuxiang.holds.Holds;
import org.shuxiang.logistics.Transits;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.web.PageText;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A unit's lists of work: the holds pull list, the pickup shelf and the holds that expired on it; items to
 * send, coming in and overdue in transit; taking a copy off the shelf for a hold and receiving by scanning.
 */
@Controller
class WorkListsController {

    private final Holds holds;
    private final Transits transits;
    private final Circulating circulation;
    private final DeskUnits desks;
    private final PageText text;

    WorkListsController(Holds holds, Transits transits, Circulating circulation, DeskUnits desks, PageText text) {
        this.holds = holds;
        this.transits = transits;
        this.circulation = circulation;
        this.desks = desks;
        this.text = text;
    }

    @GetMapping("/staff/holds")
    String holds(@RequestParam(required = false) String unit, HttpSession session, Model model) {
        Optional<OrgUnit> here = desks.current(session, unit);
        model.addAttribute("units", desks.where(Permission.CIRCULATE));
        model.addAttribute("here", here.orElse(null));
        here.ifPresent(u -> {
            model.addAttribute("pull", holds.pullList(u.code()));
            model.addAttribute("shelf", holds.shelf(u.code()));
            model.addAttribute("expired", holds.expired(u.code(), 14));
        });
        return "staff/holds";
    }

    /** A copy on the pull list taken from the shelf: on the pickup shelf here, or into transit. */
    @PostMapping("/staff/holds/capture")
    String capture(@RequestParam(defaultValue = "") String barcode, HttpSession session, RedirectAttributes redirect,
                   Locale locale) {
        desks.current(session, null).ifPresent(here -> {
            try {
                Holds.Trap trap = holds.capture(barcode.strip(), here.code());
                redirect.addFlashAttribute("notice", text.of(trap.ready() ? "desk.captured.shelf"
                        : "desk.captured.transit", locale, barcode.strip(), trap.pickupName()));
            } catch (RefusedException refused) {
                redirect.addFlashAttribute("error", text.sentence(refused, locale));
            }
        });
        return "redirect:/staff/holds";
    }

    @GetMapping("/staff/transits")
    String transits(@RequestParam(required = false) String unit, HttpSession session, Model model) {
        Optional<OrgUnit> here = desks.current(session, unit);
        model.addAttribute("units", desks.where(Permission.CIRCULATE));
        model.addAttribute("here", here.orElse(null));
        here.ifPresent(u -> {
            model.addAttribute("toSend", transits.list(u.code(), Transits.View.TO_SEND));
            model.addAttribute("incoming", transits.list(u.code(), Transits.View.INCOMING));
            model.addAttribute("overdue", transits.list(u.code(), Transits.View.OVERDUE));
        });
        return "staff/transits";
    }

    @PostMapping("/staff/transits/sent")
    String sent(@RequestParam(name = "transit", required = false) List<Long> ids, HttpSession session,
                RedirectAttributes redirect, Locale locale) {
        desks.current(session, null).ifPresent(here -> {
            try {
                int marked = transits.markSent(here.code(), ids == null ? List.of() : ids);
                redirect.addFlashAttribute("notice", text.of("desk.markedSent", locale, marked));
            } catch (RefusedException refused) {
                redirect.addFlashAttribute("error", text.sentence(refused, locale));
            }
        });
        return "redirect:/staff/transits";
    }

    /** An item arrives and is scanned: on the pickup shelf, back on the shelf, or sent on. */
    @PostMapping("/staff/transits/receive")
    String receive(@RequestParam(defaultValue = "") String barcode, HttpSession session, RedirectAttributes redirect,
                   Locale locale) {
        desks.current(session, null).ifPresent(here -> {
            try {
                Circulating.Receipt receipt = circulation.receive(barcode.strip(), here.code());
                redirect.addFlashAttribute("notice", text.of("desk.received", locale, receipt.barcode(),
                        text.of("desk.routing." + receipt.routing(), locale, receipt.destinationName(), "")));
            } catch (RefusedException refused) {
                redirect.addFlashAttribute("error", text.sentence(refused, locale));
            }
        });
        return "redirect:/staff/transits";
    }
}
