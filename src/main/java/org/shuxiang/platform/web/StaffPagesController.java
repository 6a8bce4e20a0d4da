package org.shuxiang.platform.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff door: the sign-in form. (The staff client owns {@code /staff}, the reader site {@code /}.) */
@Controller
class StaffPagesController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
        if (error != null) {
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("errorKey", failure instanceof LockedException ? "login.locked" : "login.failed");
        }
        return "login";
    }
}
