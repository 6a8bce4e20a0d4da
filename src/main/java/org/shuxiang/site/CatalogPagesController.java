package org.shuxiang.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.shuxiang.catalog.CatalogRecords;
import org.shuxiang.catalog.CatalogSearch;
import org.shuxiang.catalog.Item;
import org.shuxiang.catalog.ItemStatus;
import org.shuxiang.holds.Hold;
import org.shuxiang.holds.Holds;
import org.shuxiang.network.OrgUnit;
import org.shuxiang.network.OrgUnits;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.RefusedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/** The reader site's catalogue: the start page, search with facets, a record with its copies, placing a hold. */
@Controller
class CatalogPagesController {

    static final int PAGE_SIZE = 20;

    /** Copies of a title at one unit, as a reader sees them. */
    record UnitCopies(String code, String name, int onShelf, int onLoan, int elsewhere, Double kilometres,
                      boolean homeUnit, List<Item> items) {
    }

    /** A pickup point to choose, with how far it is when the reader shared where they are. */
    record Pickup(String code, String name, Double kilometres) {
    }

    private final CatalogSearch search;
    private final CatalogRecords records;
    private final Holds holds;
    private final OrgUnits units;
    private final ReaderSession session;
    private final org.shuxiang.patrons.ManagingReaders readers;

    CatalogPagesController(CatalogSearch search, CatalogRecords records, Holds holds, OrgUnits units,
                           ReaderSession session, org.shuxiang.patrons.ManagingReaders readers) {
        this.search = search;
        this.records = records;
        this.holds = holds;
        this.units = units;
        this.session = session;
        this.readers = readers;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("reader", session.reader().orElse(null));
        return "site/home";
    }

    @GetMapping("/search")
    String search(@RequestParam(name = "q", defaultValue = "") String query,
                  @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "RELEVANCE") String sort,
                  @RequestParam(required = false) String unit,
                  @RequestParam(required = false) String itemType,
                  @RequestParam(required = false) String clcClass,
                  @RequestParam(required = false) String language,
                  @RequestParam(required = false) Integer yearFrom,
                  @RequestParam(required = false) Integer yearTo,
                  Model model, Locale locale) {
        CatalogSearch.Sort order = switch (sort.toUpperCase(Locale.ROOT)) {
            case "NEWEST" -> CatalogSearch.Sort.NEWEST;
            case "POPULAR" -> CatalogSearch.Sort.POPULAR;
            default -> CatalogSearch.Sort.RELEVANCE;
        };
        model.addAttribute("q", query);
        model.addAttribute("sort", order.name());
        model.addAttribute("reader", session.reader().orElse(null));
        if (query.isBlank() && unit == null && itemType == null && clcClass == null && language == null) {
            return "site/search";
        }
        CatalogSearch.SearchResult result;
        try {
            result = search.search(new CatalogSearch.SearchRequest(query, Math.max(0, page), PAGE_SIZE, order,
                    blank(unit), null, blank(itemType), blank(clcClass), blank(language), yearFrom, yearTo));
        } catch (RefusedException refused) {
            model.addAttribute("error", session.sentence(refused, locale));
            return "site/search";
        }
        model.addAttribute("result", result);
        java.util.Set<String> codes = new java.util.HashSet<>();
        result.facets().unit().forEach(v -> codes.add(v.value()));
        result.hits().forEach(h -> h.availability().onShelfAt().forEach(c -> codes.add(c.unit())));
        Map<String, String> names = new java.util.HashMap<>();
        codes.forEach(code -> names.put(code, session.unitName(units.cached(code), locale)));
        model.addAttribute("unitNames", names);
        Map<String, String> chosen = new LinkedHashMap<>();
        put(chosen, "unit", unit);
        put(chosen, "itemType", itemType);
        put(chosen, "clcClass", clcClass);
        put(chosen, "language", language);
        model.addAttribute("chosen", chosen);
        model.addAttribute("links", new SearchLinks(ServletUriComponentsBuilder.fromCurrentRequest()));
        long pages = (result.total() + PAGE_SIZE - 1) / PAGE_SIZE;
        model.addAttribute("pages", pages);
        return "site/search";
    }

    /** Builds the links of a results page: the same search with one parameter set, cleared or turned. */
    static final class SearchLinks {
        private final UriComponentsBuilder current;

        SearchLinks(UriComponentsBuilder current) {
            this.current = current;
        }

        public String with(String name, Object value) {
            return current.cloneBuilder().replaceQueryParam(name, value).replaceQueryParam("page")
                    .build().encode().toUriString();
        }

        public String without(String name) {
            return current.cloneBuilder().replaceQueryParam(name).replaceQueryParam("page").build().encode()
                    .toUriString();
        }

        public String page(long page) {
            return current.cloneBuilder().replaceQueryParam("page", page).build().encode().toUriString();
        }
    }

    @GetMapping("/records/{id}")
    String record(@PathVariable long id, @RequestParam(required = false) Double lat,
                  @RequestParam(required = false) Double lng, Model model, Locale locale) {
        CatalogRecords.RecordView record = records.get(id);
        Places.Position here = Places.Position.of(lat, lng);
        Actor.Reader reader = session.reader().orElse(null);
        String homeUnit = reader == null ? null : readers.get(reader.readerId()).homeUnit();
        List<UnitCopies> copies = new ArrayList<>();
        for (CatalogRecords.Holding holding : record.holdings()) {
            OrgUnit unit = units.cached(holding.unit());
            Map<ItemStatus, Integer> counts = new EnumMap<>(ItemStatus.class);
            List<Item> shown = holding.items().stream().filter(i -> i.status() != ItemStatus.WITHDRAWN).toList();
            shown.forEach(item -> counts.merge(item.status(), 1, Integer::sum));
            if (shown.isEmpty()) {
                continue;
            }
            int onShelf = counts.getOrDefault(ItemStatus.AVAILABLE, 0);
            int onLoan = counts.getOrDefault(ItemStatus.ON_LOAN, 0);
            copies.add(new UnitCopies(holding.unit(), session.unitName(unit, locale), onShelf, onLoan,
                    shown.size() - onShelf - onLoan, unit == null ? null
                    : Places.kilometres(here, unit.latitude(), unit.longitude()),
                    holding.unit().equals(homeUnit), shown));
        }
        Comparator<UnitCopies> order = here != null
                ? Comparator.comparing(UnitCopies::kilometres, Comparator.nullsLast(Comparator.naturalOrder()))
                : Comparator.comparing(UnitCopies::homeUnit).reversed()
                        .thenComparing(Comparator.comparingInt(UnitCopies::onShelf).reversed())
                        .thenComparing(UnitCopies::name);
        copies.sort(order);
        model.addAttribute("record", record);
        model.addAttribute("fields", record.fields());
        model.addAttribute("copies", copies);
        model.addAttribute("onShelf", copies.stream().mapToInt(UnitCopies::onShelf).sum());
        model.addAttribute("reader", reader);
        model.addAttribute("located", here != null);
        List<Pickup> pickups = pickups(here, locale);
        model.addAttribute("pickups", pickups);
        model.addAttribute("defaultPickup", defaultPickup(pickups, homeUnit, here));
        model.addAttribute("map", Places.onMap(pickups.stream().map(p -> units.cached(p.code())).toList(),
                OrgUnit::code, u -> session.unitName(u, locale), OrgUnit::latitude, OrgUnit::longitude, 320, 240));
        model.addAttribute("waiting", holds.waiting(id));
        return "site/record";
    }

    @PostMapping("/records/{id}/holds")
    String placeHold(@PathVariable long id, @RequestParam(defaultValue = "") String pickupUnit,
                     RedirectAttributes redirect, Locale locale) {
        Actor.Reader reader = session.reader().orElse(null);
        if (reader == null) {
            return "redirect:/signin?next=/records/" + id;
        }
        try {
            Hold hold = holds.place(reader.cardNumber(), id, null, pickupUnit);
            redirect.addFlashAttribute("notice", session.text("site.hold.placed", locale, hold.title(),
                    session.unitName(units.cached(hold.pickupUnit()), locale)));
            return "redirect:/account#holds";
        } catch (RefusedException refused) {
            redirect.addFlashAttribute("error", session.sentence(refused, locale));
            return "redirect:/records/" + id;
        }
    }

    @GetMapping("/units")
    String unitList(@RequestParam(required = false) Double lat, @RequestParam(required = false) Double lng,
                    Model model, Locale locale) {
        Places.Position here = Places.Position.of(lat, lng);
        List<OrgUnit> open = units.active();
        List<OrgUnit> sorted = here == null ? open.stream().sorted(Comparator.comparing(OrgUnit::code)).toList()
                : Places.nearestFirst(open, u -> Places.kilometres(here, u.latitude(), u.longitude()));
        model.addAttribute("units", sorted);
        model.addAttribute("names", sorted.stream().collect(LinkedHashMap<String, String>::new,
                (m, u) -> m.put(u.code(), session.unitName(u, locale)), Map::putAll));
        model.addAttribute("distances", here == null ? Map.of() : sorted.stream()
                .filter(u -> u.latitude() != null && u.longitude() != null)
                .collect(LinkedHashMap<String, Double>::new,
                        (m, u) -> m.put(u.code(), Places.kilometres(here, u.latitude(), u.longitude())), Map::putAll));
        model.addAttribute("map", Places.onMap(sorted, OrgUnit::code, u -> session.unitName(u, locale),
                OrgUnit::latitude, OrgUnit::longitude, 640, 480));
        model.addAttribute("located", here != null);
        model.addAttribute("reader", session.reader().orElse(null));
        return "site/units";
    }

    @GetMapping("/units/{code}")
    String unit(@PathVariable String code, Model model, Locale locale) {
        OrgUnit unit = units.get(code);
        java.time.LocalDate today = units.today();
        org.shuxiang.network.UnitCalendar calendar = org.shuxiang.network.UnitCalendar.of(unit);
        model.addAttribute("unit", unit);
        model.addAttribute("name", session.unitName(unit, locale));
        model.addAttribute("parentName", unit.parentCode() == null ? null
                : session.unitName(units.cached(unit.parentCode()), locale));
        model.addAttribute("openToday", calendar.isOpenOn(today));
        model.addAttribute("hoursToday", calendar.isOpenOn(today) ? unit.openingHours().on(today.getDayOfWeek())
                : List.of());
        model.addAttribute("nextOpen", calendar.isOpenOn(today) ? null : calendar.nextOpenDay(today).orElse(null));
        model.addAttribute("week", java.util.Arrays.stream(java.time.DayOfWeek.values())
                .collect(LinkedHashMap<java.time.DayOfWeek, Object>::new,
                        (m, d) -> m.put(d, unit.openingHours().on(d)), Map::putAll));
        model.addAttribute("map", Places.onMap(units.active(), OrgUnit::code,
                u -> session.unitName(u, locale), OrgUnit::latitude, OrgUnit::longitude, 320, 240));
        model.addAttribute("reader", session.reader().orElse(null));
        return "site/unit";
    }

    private List<Pickup> pickups(Places.Position here, Locale locale) {
        List<Pickup> pickups = units.active().stream()
                .filter(u -> u.services().pickupPoint())
                .map(u -> new Pickup(u.code(), session.unitName(u, locale),
                        Places.kilometres(here, u.latitude(), u.longitude())))
                .sorted(Comparator.comparing(Pickup::code))
                .toList();
        return here == null ? pickups : Places.nearestFirst(pickups, Pickup::kilometres);
    }

    /** The reader's home unit when it is a pickup point, else the nearest one when they shared where they are. */
    private static String defaultPickup(List<Pickup> pickups, String homeUnit, Places.Position here) {
        if (homeUnit != null && pickups.stream().anyMatch(p -> p.code().equals(homeUnit))) {
            return homeUnit;
        }
        return here != null && !pickups.isEmpty() ? pickups.get(0).code() : null;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
