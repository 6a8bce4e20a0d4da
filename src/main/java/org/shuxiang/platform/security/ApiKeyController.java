package org.shuxiang.platform.security;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.shuxiang.platform.Permission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/api-keys}: issue, list and revoke keys for machines and partners. */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    record NewKey(@NotBlank @Size(max = 100) String name, @NotNull ApiKeys.Kind kind, @Size(max = 32) String unitCode,
                  @NotEmpty Set<@NotNull Permission> permissions) {
    }

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeys.IssuedKey issue(@Valid @RequestBody NewKey body) {
        return keys.issue(body.name(), body.kind(), body.unitCode(), body.permissions());
    }

    @GetMapping
    List<ApiKeys.ApiKey> list() {
        return keys.list();
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String keyId) {
        keys.revoke(keyId);
    }
}
