package org.shuxiang.logistics.web;

import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.shuxiang.logistics.Transit;
import org.shuxiang.logistics.Transits;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transits: {@code /api/v1/transits}. */
@RestController
@RequestMapping("/api/v1/transits")
class TransitController {

    record SentBody(@NotBlank String unit, @NotEmpty @Size(max = 1000) List<Long> ids) {
    }

    record SentAnswer(int sent) {
    }

    private final Transits transits;

    TransitController(Transits transits) {
        this.transits = transits;
    }

    /** A unit's transits: {@code view} is to-send, incoming or overdue; or the moves of one item. */
    @GetMapping
    List<Transit> list(@RequestParam(required = false) String unit, @RequestParam(defaultValue = "incoming") String view,
                       @RequestParam(required = false) Long itemId) {
        if (itemId != null) {
            return transits.ofItem(itemId);
        }
        if (unit == null) {
            throw RefusedException.onField("unit", PlatformRefusal.VALIDATION_FAILED);
        }
        Transits.View which;
        try {
            which = Transits.View.valueOf(view.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RefusedException.onField("view", PlatformRefusal.VALIDATION_FAILED);
        }
        return transits.list(unit, which);
    }

    @PostMapping("/sent")
    SentAnswer sent(@Valid @RequestBody SentBody body) {
        return new SentAnswer(transits.markSent(body.unit(), body.ids()));
    }
}
