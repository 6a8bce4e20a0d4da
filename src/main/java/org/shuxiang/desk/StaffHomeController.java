package org.shuxiang.desk;

import java.util.List;

import org.shuxiang.analytics.DailyFigures;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff member's home: today's figures for their scope, as numbers and a chart, and their grants. */
@Controller
class StaffHomeController {

    private final AccessControl access;
    private final DailyFigures figures;

    StaffHomeController(AccessControl access, DailyFigures figures) {
        this.access = access;
        this.figures = figures;
    }

    @GetMapping("/staff")
    String home(Model model) {
        Actor actor = access.currentActor();
        model.addAttribute("actor", actor);
        model.addAttribute("grants", actor instanceof Actor.Staff staff ? staff.grants() : List.of());
        try {
            DailyFigures.Figures today = figures.forCurrentScope();
            model.addAttribute("figures", today);
            model.addAttribute("chartDays", today.week().stream().map(d -> d.day().toString().substring(5)).toList());
            model.addAttribute("chartLoans", today.week().stream().map(DailyFigures.Day::loans).toList());
            model.addAttribute("chartReturns", today.week().stream().map(DailyFigures.Day::returns).toList());
        } catch (RefusedException noFigures) {
            model.addAttribute("figures", null);
        }
        return "staff/home";
    }
}
