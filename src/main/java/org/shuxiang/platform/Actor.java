package org.shuxiang.platform;

import java.util.List;
import java.util.Set;

/**
 * Who is acting: a staff member, a machine with an API key, a reader signed in on the reader site, or
 * the platform itself. Serializable, as a signed-in actor lives in the web session.
 */
public sealed interface Actor extends java.io.Serializable {

    String name();

    /** STAFF, API_KEY, SYSTEM or ANONYMOUS, as the audit log records it. */
    String kind();

    /** The grants this actor holds; a machine's key is one grant-like scope of its own. */
    List<Scope> scopes();

    /** Permissions on one part of the network. */
    record Scope(Set<Permission> permissions, String unitCode, String operatorCode) {
        public boolean coversWholeNetwork() {
            return unitCode == null && operatorCode == null;
        }
    }

    record Staff(long id, String username, List<Grant> grants) implements Actor {
        @Override
        public String kind() {
            return "STAFF";
        }

        @Override
        public String name() {
            return username;
        }

        @Override
        public List<Scope> scopes() {
            return grants.stream().map(g -> new Scope(g.role().permissions(), g.unitCode(), g.operatorCode())).toList();
        }
    }

    record Machine(String keyId, String label, String unitCode, Set<Permission> permissions) implements Actor {
        @Override
        public String kind() {
            return "API_KEY";
        }

        @Override
        public String name() {
            return "key:" + keyId;
        }

        @Override
        public List<Scope> scopes() {
            return List.of(new Scope(permissions, unitCode, null));
        }
    }

    /**
     * A reader signed in with their card and PIN. They hold no permission on any unit: the services let
     * them act on their own loans, holds and fees, and on those of the children they are guardian of
     * ({@code actsFor}: their own id and the children's).
     */
    record Reader(long readerId, String cardNumber, String displayName, Set<Long> actsFor) implements Actor {
        public Reader {
            actsFor = Set.copyOf(actsFor);
        }

        @Override
        public String kind() {
            return "READER";
        }

        @Override
        public String name() {
            return "reader:" + readerId;
        }

        @Override
        public List<Scope> scopes() {
            return List.of();
        }
    }

    /** The platform acting on its own (start-up, demo loading, scheduled jobs). */
    record System(String name) implements Actor {
        @Override
        public String kind() {
            return "SYSTEM";
        }

        @Override
        public List<Scope> scopes() {
            return List.of(new Scope(Set.of(Permission.values()), null, null));
        }
    }

    record Anonymous() implements Actor {
        @Override
        public String kind() {
            return "ANONYMOUS";
        }

        @Override
        public String name() {
            return "anonymous";
        }

        @Override
        public List<Scope> scopes() {
            return List.of();
        }
    }
}
