package io.memcluster.coordinator.ring;

/**
 * A member of the ring. The name is what is hashed onto the ring, so it must stay the same for
 * as long as the node holds data: it is explicit, never derived from an address. The weight
 * scales the node's share of the keys.
 */
public record RingNode(String name, int weight) {

    public RingNode {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("ring node name must not be blank: \"" + name + "\"");
        }
        if (name.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("ring node name must not contain whitespace: \"" + name + "\"");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("ring node weight must be at least 1: " + weight + " for " + name);
        }
    }
}
