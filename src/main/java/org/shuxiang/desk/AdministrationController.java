package org.shuxiang.desk;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.shuxiang.platform.Grant;
import org.shuxiang.platform.RefusedException;
import org.shuxiang.platform.Role;
import org.shuxiang.platform.audit.AuditTrail;
import org.shuxiang.platform.staff.ManagingStaff;
import org.shuxiang.platform.web.PageText;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff accounts and their roles (administrators only), and the audit log (auditors and administrators). */
@Controller
class AdministrationController {

    private final ManagingStaff staff;
    private final AuditTrail audit;
    private final PageText text;
    private final java.time.Clock clock;

    AdministrationController(ManagingStaff staff, AuditTrail audit, PageText text, java.time.Clock clock) {
        this.staff = staff;
        this.audit = audit;
        this.text = text;
        this.clock = clock;
    }

    @GetMapping("/staff/accounts")
    String accounts(Model model, Locale locale) {
        try {
            model.addAttribute("accounts", staff.list());
            model.addAttribute("roles", Role.values());
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
        }
        return "staff/accounts";
    }

    @PostMapping("/staff/accounts")
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
                  @RequestParam Role role, @RequestParam(defaultValue = "") String unit,
                  @RequestParam(defaultValue = "") String operator, RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, () -> {
            staff.create(username.strip(), displayName.strip(), password, List.of(grant(role, unit, operator)));
            return text.of("desk.accounts.created", locale, username.strip());
        });
    }

    @PostMapping("/staff/accounts/{username}/grant")
    String regrant(@PathVariable String username, @RequestParam Role role, @RequestParam(defaultValue = "") String unit,
                   @RequestParam(defaultValue = "") String operator, @RequestParam(defaultValue = "true") boolean enabled,
                   RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, () -> {
            var account = staff.get(username);
            staff.update(username, account.displayName(), enabled, List.of(grant(role, unit, operator)));
            return text.of("desk.reader.saved", locale);
        });
    }

    @PostMapping("/staff/accounts/{username}/password")
    String password(@PathVariable String username, @RequestParam String password, RedirectAttributes redirect,
                    Locale locale) {
        return act(redirect, locale, () -> {
            staff.resetPassword(username, password);
            return text.of("desk.accounts.passwordSet", locale, username);
        });
    }

    @PostMapping("/staff/accounts/{username}/unlock")
    String unlock(@PathVariable String username, RedirectAttributes redirect, Locale locale) {
        return act(redirect, locale, () -> {
            staff.unlock(username);
            return text.of("desk.accounts.unlocked", locale, username);
        });
    }

    @GetMapping("/staff/audit")
    String audit(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String action,
                 @RequestParam(defaultValue = "") String unit,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                 @RequestParam(required = false) Long before, Model model, Locale locale) {
        OffsetDateTime from = day == null ? null : day.atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime to = day == null ? null : day.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        try {
            model.addAttribute("page", audit.search(new AuditTrail.Query(actor, action, null, null, unit, from, to,
                    before, 50)));
        } catch (RefusedException refused) {
            model.addAttribute("error", text.sentence(refused, locale));
        }
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("unit", unit);
        model.addAttribute("day", day);
        return "staff/audit";
    }

    private static Grant grant(Role role, String unit, String operator) {
        return new Grant(role, unit.isBlank() ? null : unit.strip(), operator.isBlank() ? null : operator.strip());
    }

    private String act(RedirectAttributes redirect, Locale locale, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", text.sentence(refused, locale));
        }
        return "redirect:/staff/accounts";
    }
}
