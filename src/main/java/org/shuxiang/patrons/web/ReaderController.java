package org.shuxiang.patrons.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shuxiang.patrons.CardType;
import org.shuxiang.patrons.ManagingReaders;
import org.shuxiang.patrons.Reader;
import org.shuxiang.platform.PlatformRefusal;
import org.shuxiang.platform.RefusedException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Readers: {@code /api/v1/readers}. */
@RestController
@RequestMapping("/api/v1/readers")
class ReaderController {

    record RegistrationBody(@NotBlank @Size(max = 100) String name, @Size(max = 18) String identityNumber,
                            @Size(max = 30) String phone, @Size(max = 300) String address, @NotBlank String homeUnit,
                            CardType cardType, Long guardianId, @Size(max = 20) String cardNumber,
                            @Pattern(regexp = "\\d{6}") String pin, @Size(max = 200) String email) {
    }

    record DetailsBody(@Size(max = 100) String name, @Size(max = 30) String phone, @Size(max = 300) String address,
                       String homeUnit, @Size(max = 200) String email) {
    }

    record CardBody(@Size(max = 20) String cardNumber) {
    }

    record PinBody(@NotBlank @Pattern(regexp = "\\d{6}") String pin) {
    }

    record BlockBody(@NotBlank @Size(max = 500) String reason) {
    }

    record IdentityAnswer(String identityNumber) {
    }

    record DepositBody(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Min(1) Integer amountCents) {
    }

    record CreditCheckBody(boolean consent) {
    }

    private final ManagingReaders readers;

    ReaderController(ManagingReaders readers) {
        this.readers = readers;
    }

    @PostMapping
    ResponseEntity<Reader> register(@Valid @RequestBody RegistrationBody body) {
        Reader reader = readers.register(new ManagingReaders.Registration(body.name(), body.identityNumber(),
                body.phone(), body.address(), body.homeUnit(), body.cardType(), body.guardianId(), body.cardNumber(),
                body.pin(), body.email()));
        return ResponseEntity.created(URI.create("/api/v1/readers/" + reader.id())).body(reader);
    }

    /** By card number, identity card number or the start of the name: exactly one of them. */
    @GetMapping
    List<Reader> find(@RequestParam(required = false) String card, @RequestParam(required = false) String identityNumber,
                      @RequestParam(required = false) String name, @RequestParam(defaultValue = "20") int limit) {
        if (card != null && !card.isBlank()) {
            return List.of(readers.byCard(card));
        }
        if (identityNumber != null && !identityNumber.isBlank()) {
            return List.of(readers.byIdentity(identityNumber));
        }
        if (name != null && !name.isBlank()) {
            return readers.findByName(name, limit);
        }
        throw RefusedException.onField("card", PlatformRefusal.VALIDATION_FAILED);
    }

    @GetMapping("/{id}")
    Reader get(@PathVariable long id) {
        return readers.get(id);
    }

    @PatchMapping("/{id}")
    Reader update(@PathVariable long id, @Valid @RequestBody DetailsBody body) {
        return readers.update(id, new ManagingReaders.Details(body.name(), body.phone(), body.address(), body.homeUnit(),
                body.email()));
    }

    @GetMapping("/{id}/identity-number")
    IdentityAnswer identityNumber(@PathVariable long id) {
        return new IdentityAnswer(readers.identityNumber(id));
    }

    @PostMapping("/{id}/card-replacements")
    Reader replaceCard(@PathVariable long id, @Valid @RequestBody(required = false) CardBody body) {
        return readers.replaceCard(id, body == null ? null : body.cardNumber());
    }

    @PostMapping("/{id}/renewal")
    Reader renewCard(@PathVariable long id) {
        return readers.renewCard(id);
    }

    @PutMapping("/{id}/pin")
    Reader setPin(@PathVariable long id, @Valid @RequestBody PinBody body) {
        return readers.setPin(id, body.pin());
    }

    @PostMapping("/{id}/blocks")
    Reader block(@PathVariable long id, @Valid @RequestBody BlockBody body) {
        return readers.block(id, body.reason());
    }

    @DeleteMapping("/{id}/blocks/{blockId}")
    Reader lift(@PathVariable long id, @PathVariable long blockId) {
        return readers.lift(id, blockId);
    }

    /** A deposit of one of the network's tiers, paid at a desk. */
    @PostMapping("/{id}/deposit")
    Reader payDeposit(@PathVariable long id, @Valid @RequestBody DepositBody body) {
        return readers.payDeposit(id, body.amountCents());
    }

    /** A credit check with the reader's consent: deposit-free borrowing when the score allows. */
    @PostMapping("/{id}/credit-checks")
    org.shuxiang.patrons.CreditSource.Assessment checkCredit(@PathVariable long id, @RequestBody CreditCheckBody body) {
        return readers.checkCredit(id, body.consent());
    }

    @GetMapping("/{id}/children")
    List<Reader> children(@PathVariable long id) {
        return readers.children(id);
    }
}
