package org.shuxiang.platform;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Answers "may the current actor do this here?". A permission held on a subtree covers every unit
 * in it (narrowed to one operator's units where the grant names an operator) and nothing else.
 */
@Component
public class AccessControl {

    private final UnitHierarchy hierarchy;

    AccessControl(UnitHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** The actor of the current request or job; anonymous when nobody signed in. */
    public Actor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return new Actor.Anonymous();
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof ActorPrincipal holder) {
            return holder.actor();
        }
        if (principal instanceof Actor actor) {
            return actor;
        }
        return new Actor.Anonymous();
    }

    /** Whether the current actor is a signed-in reader acting for this reader (themselves or a child). */
    public boolean actsForReader(long readerId) {
        return currentActor() instanceof Actor.Reader reader && reader.actsFor().contains(readerId);
    }

    /**
     * Refuses with 403 unless the current actor acts for this reader, or holds {@code permission} over
     * the reader's home unit.
     */
    public void requireReaderOr(long readerId, Permission permission, String homeUnit) {
        if (!actsForReader(readerId)) {
            require(permission, homeUnit);
        }
    }

    /** An authentication that carries {@code actor}, for a sign-in that keeps it in the web session. */
    public static Authentication authenticationOf(Actor actor) {
        return new SystemAuthentication(actor);
    }

    public boolean allows(Permission permission, String unitCode) {
        return currentActor().scopes().stream().anyMatch(scope -> covers(scope, permission, unitCode));
    }

    /** Refuses with 403 unless the current actor holds {@code permission} over {@code unitCode}. */
    public void require(Permission permission, String unitCode) {
        if (!allows(permission, unitCode)) {
            throw new RefusedException(PlatformRefusal.ACCESS_DENIED, permission, unitCode);
        }
    }

    /** Refuses with 403 unless the current actor holds {@code permission} over the whole network. */
    public void requireWholeNetwork(Permission permission) {
        boolean allowed = currentActor().scopes().stream()
                .anyMatch(scope -> scope.permissions().contains(permission) && wholeNetwork(scope));
        if (!allowed) {
            throw new RefusedException(PlatformRefusal.ACCESS_DENIED, permission, "*");
        }
    }

    /** Refuses with 403 unless the current actor holds {@code permission} somewhere. */
    public void requireSomewhere(Permission permission) {
        if (currentActor().scopes().stream().noneMatch(scope -> scope.permissions().contains(permission))) {
            throw new RefusedException(PlatformRefusal.ACCESS_DENIED, permission, "*");
        }
    }

    /**
     * The units where the current actor holds {@code permission}, for filtering a query:
     * empty when it holds it over the whole network.
     */
    public Optional<Set<String>> unitsWhere(Permission permission) {
        List<Actor.Scope> scopes = currentActor().scopes().stream()
                .filter(scope -> scope.permissions().contains(permission)).toList();
        if (scopes.stream().anyMatch(this::wholeNetwork)) {
            return Optional.empty();
        }
        Set<String> units = new HashSet<>();
        for (Actor.Scope scope : scopes) {
            Set<String> subtree = scope.unitCode() == null ? Set.of() : hierarchy.subtree(scope.unitCode());
            for (String unit : subtree) {
                if (scope.operatorCode() == null || hierarchy.operatorOf(unit).filter(scope.operatorCode()::equals).isPresent()) {
                    units.add(unit);
                }
            }
        }
        return Optional.of(units);
    }

    /** Runs {@code work} as the platform itself, e.g. at start-up, outside any request. */
    public <T> T asSystem(String name, Supplier<T> work) {
        return as(new Actor.System(name), work);
    }

    /**
     * Runs {@code work} as {@code actor}, for an actor that signed in outside HTTP (a SIP2 machine on its
     * own connection): the same permission checks and audit as a request of that actor.
     */
    public <T> T as(Actor actor, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new SystemAuthentication(actor));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private boolean covers(Actor.Scope scope, Permission permission, String unitCode) {
        if (!scope.permissions().contains(permission)) {
            return false;
        }
        if (wholeNetwork(scope)) {
            return true;
        }
        if (unitCode == null) {
            return false;
        }
        boolean inSubtree = scope.unitCode() == null || hierarchy.isWithin(unitCode, scope.unitCode());
        boolean ofOperator = scope.operatorCode() == null
                || hierarchy.operatorOf(unitCode).filter(scope.operatorCode()::equals).isPresent();
        return inSubtree && ofOperator;
    }

    /** A scope over the whole network: no unit named, or the root unit with no operator. */
    private boolean wholeNetwork(Actor.Scope scope) {
        return scope.coversWholeNetwork()
                || (scope.operatorCode() == null && scope.unitCode() != null && hierarchy.isRoot(scope.unitCode()));
    }

    /** A principal that carries the actor it stands for. */
    public interface ActorPrincipal {
        Actor actor();
    }

    private static final class SystemAuthentication extends AbstractAuthenticationToken {
        private final Actor actor;

        SystemAuthentication(Actor actor) {
            super(AuthorityUtils.NO_AUTHORITIES);
            this.actor = actor;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return actor;
        }
    }
}
