package org.shuxiang.desk;

import java.util.HashMap;
import java.util.Map;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.Permission;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the staff pages' frame needs: which of the client's parts the staff member may use (by the
 * permissions of their grants anywhere), so the menu and the home page offer those and no others.
 */
@ControllerAdvice(assignableTypes = {StaffHomeController.class, CirculationDeskController.class,
        ReadersDeskController.class, WorkListsController.class, CatalogueDeskController.class,
        NetworkDeskController.class, AdministrationController.class})
class StaffModel {

    private final AccessControl access;

    StaffModel(AccessControl access) {
        this.access = access;
    }

    @ModelAttribute("can")
    Map<String, Boolean> can() {
        Map<String, Boolean> can = new HashMap<>();
        Actor actor = access.currentActor();
        for (Permission permission : Permission.values()) {
            can.put(permission.name(), actor.scopes().stream().anyMatch(s -> s.permissions().contains(permission)));
        }
        return can;
    }
}
