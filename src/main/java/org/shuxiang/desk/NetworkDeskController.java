package org.shuxiang.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.shuxiang.circulation.Circulating;
import org.shuxiang.circulation.LoanRule;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.network.ClosedPeriod;
import org.shuxiang.network.ManagingOrgUnits;
import org.shuxiang.network.OpeningHours;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.network.TimeRange;
import org.shuxiang.patrons.CardType;
import org.shuxiang.platform.Permission;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.web.PageText;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The network as its managers keep it: units with their opening hours and closed days, and the policy
 * matrix with the tool that explains which rule applies to a reader, a copy and a unit, and why.
 */
@Controller
class NetworkDeskController {

    private final OrgUnits units;
    private final ManagingOrgUnits managing;
    private final Circulating circulation;
    private final DeskUnits desks;
    private final PageText text;

    NetworkDeskController(OrgUnits units, ManagingOrgUnits managing, Circulating circulation, DeskUnits desks,
                          PageText text) {
        this.units = units;
        this.managing = managing;
        this.circulation = circulation;
        this.desks = desks;
        this.text = text;
    }

    @GetMapping("/staff/network")
    String network(Model model) {
        model.addAttribute("units", desks.where(Permission.NETWORK_READ));
        model.addAttribute("writable", desks.where(Permission.NETWORK_WRITE).stream().map(OrgUnit::code).toList());
        return "staff/network";
    }

    @GetMapping("/staff/network/units/{code}")
    String unit(@PathVariable String code, Model model) {
        OrgUnit unit = units.get(code);
        Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, HoursText.format(unit.openingHours().on(day)));
        }
        model.addAttribute("unit", unit);
        model.addAttribute("hours", hours);
        model.addAttribute("writable", desks.where(Permission.NETWORK_WRITE).stream()
                .anyMatch(u -> u.code().equals(code)));
        return "staff/unit";
    }

    @PostMapping("/staff/network/units/{code}/hours")
    String hours(@PathVariable String code, @RequestParam Map<String, String> form, RedirectAttributes redirect,
                 Locale locale) {
        OrgUnit unit = units.get(code);
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> ranges = HoursText.parse(form.get(day.name()));
            if (ranges == null) {
                redirect.addFlashAttribute("error", text.of("desk.unit.hoursUnreadable", locale,
                        text.of("site.day." + day.name(), locale), form.get(day.name())));
                return "redirect:/staff/network/units/" + code;
            }
            days.put(day, ranges);
        }
        return save(unit, new OpeningHours(days), unit.closedPeriods(), redirect, locale);
    }

    @PostMapping("/staff/network/units/{code}/closed-days")
    String closeDays(@PathVariable String code,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                     @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect, Locale locale) {
        OrgUnit unit = units.get(code);
        List<ClosedPeriod> periods = new ArrayList<>(unit.closedPeriods());
        periods.add(new ClosedPeriod(from, to == null ? from : to, reason.isBlank() ? null : reason.strip()));
        return save(unit, unit.openingHours(), periods, redirect, locale);
    }

    @PostMapping("/staff/network/units/{code}/closed-days/remove")
    String reopenDays(@PathVariable String code,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      RedirectAttributes redirect, Locale locale) {
        OrgUnit unit = units.get(code);
        List<ClosedPeriod> periods = unit.closedPeriods().stream().filter(p -> !p.firstDay().equals(from)).toList();
        return save(unit, unit.openingHours(), periods, redirect, locale);
    }

    private String save(OrgUnit unit, OpeningHours hours, List<ClosedPeriod> closed, RedirectAttributes redirect,
                        Locale locale) {
        try {
            managing.update(new OrgUnit(unit.code(), unit.parentCode(), unit.type(), unit.nameZh(), unit.nameEn(),
                    unit.operatorCode(), unit.address(), unit.latitude(), unit.longitude(), unit.services(),
                    unit.active(), hours, closed));
            redirect.addFlashAttribute("notice", text.of("desk.reader.saved", locale));
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/network/units/" + unit.code();
    }

    @GetMapping("/staff/policy")
    String policy(@RequestParam(required = false) String card, @RequestParam(required = false) String barcode,
                  @RequestParam(required = false) String unit, Model model, Locale locale) {
        try {
            model.addAttribute("rules", circulation.rules());
            model.addAttribute("cardTypes", CardType.values());
            model.addAttribute("itemTypes", ItemType.values());
            if (card != null && barcode != null && unit != null && !card.isBlank() && !barcode.isBlank()) {
                model.addAttribute("explanation", circulation.explain(card.strip(), barcode.strip(), unit.strip()));
            }
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
        }
        model.addAttribute("card", card);
        model.addAttribute("barcode", barcode);
        model.addAttribute("unit", unit);
        return "staff/policy";
    }

    @PostMapping("/staff/policy/rules")
    String addRule(@RequestParam(defaultValue = "") String cardType, @RequestParam(defaultValue = "") String itemType,
                   @RequestParam(defaultValue = "") String unitCode, @RequestParam int loanDays,
                   @RequestParam int renewals, @RequestParam int renewalDays, @RequestParam int maxLoans,
                   @RequestParam int maxHolds, @RequestParam int dailyFeeCents, @RequestParam int feeCapCents,
                   @RequestParam(defaultValue = "0") int graceDays, @RequestParam(defaultValue = "0") int suspensionDays,
                   @RequestParam(defaultValue = "") String note, RedirectAttributes redirect, Locale locale) {
        try {
            circulation.addRule(new LoanRule(0, cardType.isBlank() ? null : CardType.valueOf(cardType),
                    itemType.isBlank() ? null : ItemType.valueOf(itemType), unitCode.isBlank() ? null : unitCode.strip(),
                    loanDays, renewals, renewalDays, maxLoans, null, maxHolds, dailyFeeCents, feeCapCents, graceDays,
                    suspensionDays, note.isBlank() ? null : note.strip()));
            redirect.addFlashAttribute("notice", text.of("desk.reader.saved", locale));
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/policy";
    }

    @PostMapping("/staff/policy/rules/{id}/remove")
    String removeRule(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
        try {
            circulation.removeRule(id);
            redirect.addFlashAttribute("notice", text.of("desk.policy.removed", locale, id));
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/policy";
    }

}
