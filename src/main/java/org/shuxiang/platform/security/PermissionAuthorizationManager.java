package org.shuxiang.platform.security;

import java.util.function.Supplier;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.Permission;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Allows a request when its actor holds a permission anywhere in the network. */
record PermissionAuthorizationManager(Permission permission) implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        if (auth == null || !auth.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        Actor actor = auth.getPrincipal() instanceof AccessControl.ActorPrincipal holder ? holder.actor()
                : auth.getPrincipal() instanceof Actor a ? a : new Actor.Anonymous();
        return new AuthorizationDecision(actor.scopes().stream().anyMatch(s -> s.permissions().contains(permission)));
    }
}
