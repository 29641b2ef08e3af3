package io.memcluster.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of all users, in file order, looked up by username. */
public final class Users {

    private final Map<String, StoredUser> byName;

    private Users(Map<String, StoredUser> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** @throws IllegalArgumentException when two entries share a username */
    public static Users of(List<StoredUser> users) {
        Map<String, StoredUser> byName = new LinkedHashMap<>();
        for (StoredUser user : users) {
            if (byName.putIfAbsent(user.username(), user) != null) {
                throw new IllegalArgumentException("duplicate username '" + user.username() + "'");
            }
        }
        return new Users(byName);
    }

    public static Users empty() {
        return new Users(Map.of());
    }

    public Optional<StoredUser> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    public boolean contains(String username) {
        return byName.containsKey(username);
    }

    public List<StoredUser> all() {
        return List.copyOf(byName.values());
    }

    public int size() {
        return byName.size();
    }

    /** A copy with {@code user} added, or replacing the entry of the same name in place. */
    public Users with(StoredUser user) {
        Map<String, StoredUser> copy = new LinkedHashMap<>(byName);
        copy.put(user.username(), user);
        return new Users(copy);
    }

    public Users without(String username) {
        Map<String, StoredUser> copy = new LinkedHashMap<>(byName);
        copy.remove(username);
        return new Users(copy);
    }

    @Override
    public String toString() {
        return "Users" + new ArrayList<>(byName.keySet());
    }
}
