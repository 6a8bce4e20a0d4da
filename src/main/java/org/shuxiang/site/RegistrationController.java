package org.shuxiang.site;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.network.UnitType;
import org.shuxiang.patrons.CardType;
import org.shuxiang.patrons.ManagingReaders;
import org.shuxiang.patrons.Reader;
import org.shuxiang.patrons.ReaderSignIn;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Online registration: identity details, a PIN, consent to a credit check, and the result at once: a
 * deposit-free card when credit allows, otherwise the deposit to pay at any desk. Either way the card
 * works for holds straight away, and the reader is signed in with it.
 */
@Controller
class RegistrationController {

    /** Units a reader may call home: the libraries, branches and staffed points. */
    private static final Set<UnitType> HOMES = EnumSet.of(UnitType.CENTRAL_LIBRARY, UnitType.MAIN_LIBRARY,
            UnitType.BRANCH);

    /** The form as typed; kept to fill the form again after a refusal (never the PIN). */
    record Form(String name, String identityNumber, String phone, String email, String address, String homeUnit,
                String pin, String pinAgain, boolean consent) {
    }

    /** A unit to choose as home. */
    record Home(String code, String name) {
    }

    private final ManagingReaders readers;
    private final ReaderSignIn signIns;
    private final ReaderSession session;
    private final OrgUnits units;

    RegistrationController(ManagingReaders readers, ReaderSignIn signIns, ReaderSession session, OrgUnits units) {
        this.readers = readers;
        this.signIns = signIns;
        this.session = session;
        this.units = units;
    }

    @GetMapping("/register")
    String form(Model model, Locale locale) {
        model.addAttribute("form", new Form("", "", "", "", "", "", "", "", true));
        model.addAttribute("homes", homes(locale));
        return "site/register";
    }

    @PostMapping("/register")
    String register(@ModelAttribute("form") Form form, HttpServletRequest request, HttpServletResponse response,
                    Model model, Locale locale) {
        model.addAttribute("homes", homes(locale));
        if (form.pin() == null || !form.pin().equals(form.pinAgain())) {
            model.addAttribute("error", session.text("site.register.pinMismatch", locale));
            model.addAttribute("errorField", "pin");
            return "site/register";
        }
        ManagingReaders.OnlineRegistration done;
        try {
            done = readers.registerOnline(new ManagingReaders.Registration(form.name(), form.identityNumber(),
                    form.phone(), form.address(), form.homeUnit(), CardType.ADULT, null, null, form.pin(),
                    form.email()), form.consent());
        } catch (RefusedException refused) {
            model.addAttribute("error", session.sentence(refused, locale));
            model.addAttribute("errorField", refused.field());
            return "site/register";
        }
        Reader reader = done.reader();
        ReaderSignIn.Result signedIn = signIns.signIn(reader.cardNumber(), form.pin());
        if (signedIn.signedIn()) {
            session.signIn(signedIn.reader(), request, response);
        }
        model.addAttribute("reader", reader);
        model.addAttribute("done", done);
        model.addAttribute("homeName", session.unitName(units.cached(reader.homeUnit()), locale));
        model.addAttribute("cardQr", QrCode.svg(reader.cardNumber(), session.text("site.card.qr", locale)));
        return "site/registered";
    }

    private List<Home> homes(Locale locale) {
        return units.active().stream()
                .filter(u -> HOMES.contains(u.type()) && u.services().lends())
                .sorted(Comparator.comparing(OrgUnit::code))
                .map(u -> new Home(u.code(), session.unitName(u, locale)))
                .toList();
    }
}
