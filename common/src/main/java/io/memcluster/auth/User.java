package io.memcluster.auth;

import java.util.List;

/**
 * An authenticated identity and what it may do. Holds no password or hash, so it can travel
 * with a connection and appear in logs.
 *
 * @param permissions in the order of users.json, without duplicates
 */
public record User(String username, List<Permission> permissions) {

    public User {
        Usernames.requireValid(username);
        permissions = List.copyOf(permissions.stream().distinct().toList());
    }

    public boolean isAdmin() {
        return permissions.contains(Permission.ADMIN);
    }

    public boolean canRead(String namespace) {
        return can(namespace, Access.READ);
    }

    /** Write includes read: see {@link Access}. */
    public boolean canWrite(String namespace) {
        return can(namespace, Access.WRITE);
    }

    public boolean can(String namespace, Access access) {
        for (Permission permission : permissions) {
            if (permission.allows(namespace, access)) {
                return true;
            }
        }
        return false;
    }

    /** The perms list as written in users.json. */
    public List<String> permissionTexts() {
        return permissions.stream().map(Permission::text).toList();
    }
}
