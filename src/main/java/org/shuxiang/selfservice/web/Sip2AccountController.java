package org.shuxiang.selfservice.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.shuxiang.selfservice.Sip2Accounts;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/sip2-accounts}: the machine accounts kiosks log in with (message 93), made by staff who
 * may change the unit. Saving an existing login replaces its password and settings.
 */
@RestController
@RequestMapping("/api/v1/sip2-accounts")
class Sip2AccountController {

    record AccountBody(@NotBlank @Size(max = 64) String login, @NotBlank @Size(max = 64) String password,
                       @NotBlank String unitCode, String encoding, Boolean mayCheckOut, String language) {
    }

    private final Sip2Accounts accounts;

    Sip2AccountController(Sip2Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping
    ResponseEntity<Sip2Accounts.Listed> save(@Valid @RequestBody AccountBody body) {
        accounts.save(body.login(), body.password(), body.unitCode(), body.encoding() == null ? "UTF-8" : body.encoding(),
                body.mayCheckOut() == null || body.mayCheckOut(), body.language() == null ? "zh-CN" : body.language());
        Sip2Accounts.Listed saved = accounts.list().stream().filter(a -> a.login().equals(body.login())).findFirst()
                .orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/sip2-accounts/" + body.login())).body(saved);
    }

    @GetMapping
    List<Sip2Accounts.Listed> list() {
        return accounts.list();
    }

    @PostMapping("/{login}/disable")
    ResponseEntity<Void> disable(@PathVariable String login) {
        accounts.disable(login);
        return ResponseEntity.noContent().build();
    }
}
