package org.shuxiang.network.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shuxiang.network.ManagingOrgUnits;
import org.shuxiang.network.Operator;
import org.shuxiang.network.Operators;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/operators}: who runs the units (the library, outsourcing companies, partners). */
@RestController
@RequestMapping("/api/v1/operators")
class OperatorController {

    record OperatorBody(@NotBlank @Pattern(regexp = OrgUnitBody.CODE) String code, @NotNull Operator.Kind kind,
                        @NotBlank @Size(max = 200) String nameZh, @Size(max = 200) String nameEn) {
    }

    private final Operators operators;
    private final ManagingOrgUnits managing;

    OperatorController(Operators operators, ManagingOrgUnits managing) {
        this.operators = operators;
        this.managing = managing;
    }

    @GetMapping
    List<Operator> list() {
        return operators.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Operator create(@Valid @RequestBody OperatorBody body) {
        return managing.addOperator(new Operator(body.code(), body.kind(), body.nameZh(), body.nameEn()));
    }
}
