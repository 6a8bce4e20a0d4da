package org.shuxiang.platform.security;

import java.util.Collection;
import java.util.List;

import org.shuxiang.platform.AccessControl;
import org.shuxiang.platform.Actor;
import org.shuxiang.platform.Grant;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The signed-in staff member: the principal of a staff session or Basic-authenticated request. */
record StaffUser(long id, String username, List<Grant> grants) implements AccessControl.ActorPrincipal {

    @Override
    public Actor actor() {
        return new Actor.Staff(id, username, grants);
    }

    Collection<? extends GrantedAuthority> authorities() {
        return grants.stream().map(g -> new SimpleGrantedAuthority("ROLE_" + g.role().name())).distinct().toList();
    }

    @Override
    public String toString() {
        return username;
    }
}
