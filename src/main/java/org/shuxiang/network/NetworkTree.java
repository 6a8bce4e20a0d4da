package org.shuxiang.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of the network's shape: who is under whom. Answers subtree questions in
 * memory (scopes ask them on every request) and holds the rules of where a unit may stand.
 */
public final class NetworkTree {

    /** One unit as the tree knows it, with its Chinese name for the messages and labels that show it. */
    public record Node(String code, String parentCode, UnitType type, String operatorCode, boolean active,
                       String name) {
    }

    private final Map<String, Node> nodes;
    private final Map<String, List<String>> children;

    public NetworkTree(Collection<Node> units) {
        Map<String, Node> byCode = new HashMap<>();
        Map<String, List<String>> byParent = new HashMap<>();
        for (Node node : units) {
            byCode.put(node.code(), node);
            if (node.parentCode() != null) {
                byParent.computeIfAbsent(node.parentCode(), p -> new ArrayList<>()).add(node.code());
            }
        }
        this.nodes = Map.copyOf(byCode);
        Map<String, List<String>> frozen = new HashMap<>();
        byParent.forEach((parent, kids) -> frozen.put(parent, List.copyOf(kids)));
        this.children = Map.copyOf(frozen);
    }

    public Optional<Node> find(String code) {
        return Optional.ofNullable(code == null ? null : nodes.get(code));
    }

    public boolean contains(String code) {
        return code != null && nodes.containsKey(code);
    }

    public int size() {
        return nodes.size();
    }

    /** True when {@code code} is {@code ancestor} itself or lies anywhere below it. */
    public boolean isWithin(String code, String ancestor) {
        String current = code;
        int guard = nodes.size() + 1;
        while (current != null && guard-- > 0) {
            if (current.equals(ancestor)) {
                return true;
            }
            Node node = nodes.get(current);
            current = node == null ? null : node.parentCode();
        }
        return false;
    }

    /** {@code root} and every unit below it, root first, breadth first. */
    public Set<String> subtree(String root) {
        Set<String> result = new LinkedHashSet<>();
        if (!nodes.containsKey(root)) {
            return result;
        }
        Deque<String> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            String code = queue.poll();
            if (result.add(code)) {
                queue.addAll(children.getOrDefault(code, List.of()));
            }
        }
        return result;
    }

    /** The chain from the root down to {@code code}'s parent. */
    public List<String> ancestors(String code) {
        List<String> chain = new ArrayList<>();
        Node node = nodes.get(code);
        while (node != null && node.parentCode() != null) {
            chain.add(0, node.parentCode());
            node = nodes.get(node.parentCode());
        }
        return chain;
    }

    public List<String> childrenOf(String code) {
        return children.getOrDefault(code, List.of());
    }

    public boolean hasActiveChildren(String code) {
        return childrenOf(code).stream().map(nodes::get).anyMatch(Node::active);
    }

    /** A unit leaves service only when no active unit stands beneath it. */
    public Optional<NetworkRefusal> checkDeactivation(String code) {
        if (!nodes.containsKey(code)) {
            return Optional.of(NetworkRefusal.UNIT_NOT_FOUND);
        }
        return hasActiveChildren(code) ? Optional.of(NetworkRefusal.UNIT_HAS_ACTIVE_CHILDREN) : Optional.empty();
    }

    /** A unit returns to service only under an active parent. */
    public Optional<NetworkRefusal> checkReactivation(String code) {
        Node node = nodes.get(code);
        if (node == null) {
            return Optional.of(NetworkRefusal.UNIT_NOT_FOUND);
        }
        boolean parentInactive = node.parentCode() != null && !nodes.get(node.parentCode()).active();
        return parentInactive ? Optional.of(NetworkRefusal.PARENT_INACTIVE) : Optional.empty();
    }

    /**
     * Whether a unit of {@code type} may stand under {@code parentCode} (null: at the top).
     * Gives the reason when it may not.
     */
    public Optional<NetworkRefusal> checkPlacement(UnitType type, String parentCode) {
        if (parentCode == null) {
            if (!type.isRoot()) {
                return Optional.of(NetworkRefusal.ROOT_MUST_BE_CENTRAL_LIBRARY);
            }
            boolean hasRoot = nodes.values().stream().anyMatch(n -> n.parentCode() == null);
            return hasRoot ? Optional.of(NetworkRefusal.NETWORK_ALREADY_HAS_ROOT) : Optional.empty();
        }
        Node parent = nodes.get(parentCode);
        if (parent == null) {
            return Optional.of(NetworkRefusal.PARENT_NOT_FOUND);
        }
        if (!parent.active()) {
            return Optional.of(NetworkRefusal.PARENT_INACTIVE);
        }
        if (!parent.type().canHold(type)) {
            return Optional.of(NetworkRefusal.TYPE_NOT_ALLOWED_UNDER_PARENT);
        }
        return Optional.empty();
    }

    /** Whether {@code code} may move under {@code newParentCode}; gives the reason when it may not. */
    public Optional<NetworkRefusal> checkMove(String code, String newParentCode) {
        Node node = nodes.get(code);
        if (node == null) {
            return Optional.of(NetworkRefusal.UNIT_NOT_FOUND);
        }
        if (node.parentCode() == null) {
            return Optional.of(NetworkRefusal.CANNOT_MOVE_ROOT);
        }
        if (newParentCode != null && nodes.containsKey(newParentCode) && isWithin(newParentCode, code)) {
            return Optional.of(NetworkRefusal.MOVE_WOULD_CREATE_CYCLE);
        }
        if (newParentCode == null) {
            return Optional.of(NetworkRefusal.ROOT_MUST_BE_CENTRAL_LIBRARY);
        }
        return checkPlacement(node.type(), newParentCode);
    }
}
