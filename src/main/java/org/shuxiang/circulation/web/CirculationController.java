package org.shuxiang.circulation.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shuxiang.catalog.ItemType;
import org.shuxiang.circulation.Circulating;
import org.shuxiang.circulation.Fee;
import org.shuxiang.circulation.ManagingFees;
import org.shuxiang.circulation.OfflineBatches;
import org.shuxiang.circulation.Loan;
import org.shuxiang.circulation.LoanRule;
import org.shuxiang.patrons.CardType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Circulation: {@code /api/v1/circulation} (checkouts, checkins, renewals, the policy matrix). */
@RestController
@RequestMapping("/api/v1/circulation")
class CirculationController {

    record CheckoutBody(@NotBlank @Size(max = 20) String cardNumber, @NotBlank @Size(max = 32) String barcode,
                        @NotBlank String unit, @Size(max = 100) String requestId) {
    }

    record CheckinBody(@NotBlank @Size(max = 32) String barcode, @NotBlank String unit) {
    }

    record RenewAllBody(@NotBlank @Size(max = 20) String cardNumber) {
    }

    record RuleBody(CardType cardType, ItemType itemType, String unitCode, @NotNull @Min(1) @Max(365) Integer loanDays,
                    @NotNull @Min(0) @Max(10) Integer renewals, @NotNull @Min(1) @Max(365) Integer renewalDays,
                    @NotNull @Min(0) @Max(500) Integer maxLoans, @Min(0) @Max(500) Integer maxLoansOfType,
                    @NotNull @Min(0) @Max(100) Integer maxHolds, @NotNull @Min(0) Integer dailyFeeCents,
                    @NotNull @Min(0) Integer feeCapCents, @Min(0) Integer graceDays, @Min(0) Integer suspensionDays,
                    @Size(max = 200) String note) {
        LoanRule toRule() {
            return new LoanRule(0, cardType, itemType, unitCode, loanDays, renewals, renewalDays, maxLoans,
                    maxLoansOfType, maxHolds, dailyFeeCents, feeCapCents, graceDays == null ? 0 : graceDays,
                    suspensionDays == null ? 0 : suspensionDays, note);
        }
    }

    record LostBody(@NotBlank @Size(max = 32) String barcode, @NotBlank String unit) {
    }

    record PaymentBody(@NotNull Long readerId, @NotNull @Min(1) Integer amountCents, @NotBlank String method,
                       @Size(max = 100) String reference) {
    }

    record WaiverBody(@Min(1) Integer amountCents, @NotBlank @Size(max = 500) String reason) {
    }

    record OfflineBody(@NotBlank String unit, @Size(max = 100) String device,
                       @NotNull @Size(min = 1, max = 5000) List<@Valid @NotNull OfflineTransactionBody> transactions) {
    }

    record OfflineTransactionBody(@NotBlank @Size(max = 100) String id, @NotBlank String kind,
                                  @NotNull java.time.Instant at, @Size(max = 20) String cardNumber,
                                  @NotBlank @Size(max = 32) String barcode) {
    }

    private final Circulating circulating;
    private final ManagingFees fees;
    private final OfflineBatches offline;

    CirculationController(Circulating circulating, ManagingFees fees, OfflineBatches offline) {
        this.circulating = circulating;
        this.fees = fees;
        this.offline = offline;
    }

    /** A device's transactions made while offline: applied in time order, each once; conflicts kept for staff. */
    @PostMapping("/offline-batches")
    @ResponseStatus(HttpStatus.CREATED)
    OfflineBatches.Report upload(@Valid @RequestBody OfflineBody body) {
        return offline.upload(body.unit(), body.device(), body.transactions().stream()
                .map(t -> new OfflineBatches.OfflineTransaction(t.id(), t.kind(), t.at(), t.cardNumber(), t.barcode()))
                .toList());
    }

    @GetMapping("/offline-batches/{id}")
    OfflineBatches.Report batch(@PathVariable long id) {
        return offline.report(id);
    }

    @PostMapping("/lost-items")
    @ResponseStatus(HttpStatus.CREATED)
    Fee declareLost(@Valid @RequestBody LostBody body) {
        return circulating.declareLost(body.barcode(), body.unit());
    }

    @GetMapping("/fees")
    List<Fee> fees(@RequestParam long readerId) {
        return fees.fees(readerId);
    }

    @PostMapping("/payments")
    List<Fee> pay(@Valid @RequestBody PaymentBody body) {
        return fees.pay(body.readerId(), body.amountCents(), body.method(), body.reference());
    }

    @PostMapping("/fees/{id}/waivers")
    Fee waive(@PathVariable long id, @Valid @RequestBody WaiverBody body) {
        return fees.waive(id, body.amountCents(), body.reason());
    }

    /** A repeated request (same {@code requestId}, or {@code Idempotency-Key}) answers with the first loan. */
    @PostMapping("/checkouts")
    ResponseEntity<Circulating.Checkout> checkout(@Valid @RequestBody CheckoutBody body,
                                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String requestId = body.requestId() != null ? body.requestId() : key;
        Circulating.Checkout checkout = circulating.checkout(body.cardNumber(), body.barcode(), body.unit(), requestId);
        return ResponseEntity.status(checkout.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(checkout);
    }

    @PostMapping("/checkins")
    Circulating.Checkin checkin(@Valid @RequestBody CheckinBody body) {
        return circulating.checkin(body.barcode(), body.unit());
    }

    /** An item in transit received at a unit: where it goes now. */
    @PostMapping("/receipts")
    Circulating.Receipt receive(@Valid @RequestBody CheckinBody body) {
        return circulating.receive(body.barcode(), body.unit());
    }

    @PostMapping("/loans/{id}/renewals")
    Loan renew(@PathVariable long id) {
        return circulating.renew(id);
    }

    @PostMapping("/renewals")
    Circulating.RenewAll renewAll(@Valid @RequestBody RenewAllBody body) {
        return circulating.renewAll(body.cardNumber());
    }

    @GetMapping("/loans")
    List<Loan> openLoans(@RequestParam long readerId) {
        return circulating.openLoans(readerId);
    }

    @GetMapping("/policy/explain")
    Circulating.Explanation explain(@RequestParam String card, @RequestParam String barcode, @RequestParam String unit) {
        return circulating.explain(card, barcode, unit);
    }

    @GetMapping("/rules")
    List<LoanRule> rules() {
        return circulating.rules();
    }

    @PostMapping("/rules")
    @ResponseStatus(HttpStatus.CREATED)
    LoanRule addRule(@Valid @RequestBody RuleBody body) {
        return circulating.addRule(body.toRule());
    }

    /** New figures for a rule; its cell (card type, item type, unit) is not changed here. */
    @org.springframework.web.bind.annotation.PutMapping("/rules/{id}")
    LoanRule changeRule(@PathVariable long id, @Valid @RequestBody RuleBody body) {
        return circulating.changeRule(id, body.toRule());
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeRule(@PathVariable long id) {
        circulating.removeRule(id);
    }
}
