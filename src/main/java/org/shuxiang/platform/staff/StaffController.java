package org.shuxiang.platform.staff;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.Grant;
import org.shuxiang.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts ({@code /api/v1/staff}) and the caller's own identity ({@code /api/v1/me}). */
@RestController
@RequestMapping("/api/v1")
class StaffController {

    record GrantBody(@NotNull Role role, @Size(max = 32) String unitCode, @Size(max = 32) String operatorCode) {
        Grant toGrant() {
            return new Grant(role, unitCode, operatorCode);
        }
    }

    record NewStaff(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}") String username,
                    @NotBlank @Size(max = 100) String displayName,
                    @NotBlank @Size(max = 200) String password,
                    @NotNull List<@Valid @NotNull GrantBody> grants) {
    }

    record StaffUpdate(@NotBlank @Size(max = 100) String displayName, @NotNull Boolean enabled,
                       @NotNull List<@Valid @NotNull GrantBody> grants) {
    }

    record NewPassword(@NotBlank @Size(max = 200) String password) {
    }

    record StaffView(String username, String displayName, boolean enabled, boolean locked, Instant lockedUntil,
                     List<Grant> grants) {
        static StaffView of(StaffAccount a) {
            return new StaffView(a.username(), a.displayName(), a.enabled(), a.lockedAt(Instant.now()),
                    a.lockedUntil(), a.grants());
        }
    }

    record Me(String name, String type, List<Actor.Scope> scopes) {
    }

    private final ManagingStaff staff;
    private final AccessControl access;

    StaffController(ManagingStaff staff, AccessControl access) {
        this.staff = staff;
        this.access = access;
    }

    @GetMapping("/me")
    Me me() {
        Actor actor = access.currentActor();
        return new Me(actor.name(), actor.kind(), actor.scopes());
    }

    @GetMapping("/staff")
    List<StaffView> list() {
        return staff.list().stream().map(StaffView::of).toList();
    }

    @GetMapping("/staff/{username}")
    StaffView get(@PathVariable String username) {
        return StaffView.of(staff.get(username));
    }

    @PostMapping("/staff")
    @ResponseStatus(HttpStatus.CREATED)
    StaffView create(@Valid @RequestBody NewStaff body) {
        return StaffView.of(staff.create(body.username(), body.displayName(), body.password(),
                body.grants().stream().map(GrantBody::toGrant).toList()));
    }

    @PutMapping("/staff/{username}")
    StaffView update(@PathVariable String username, @Valid @RequestBody StaffUpdate body) {
        return StaffView.of(staff.update(username, body.displayName(), body.enabled(),
                body.grants().stream().map(GrantBody::toGrant).toList()));
    }

    @PostMapping("/staff/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String username, @Valid @RequestBody NewPassword body) {
        staff.resetPassword(username, body.password());
    }

    @PostMapping("/staff/{username}/unlock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlock(@PathVariable String username) {
        staff.unlock(username);
    }

}
