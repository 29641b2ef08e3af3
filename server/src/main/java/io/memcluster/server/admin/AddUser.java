package io.memcluster.server.admin;

import io.memcluster.auth.Permission;
import io.memcluster.auth.User;
import io.memcluster.auth.Usernames;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "add",
        description = "Add a user. The password comes from --password, else $MEMCLUSTER_PASSWORD,"
                + " else is asked twice at the terminal; without a terminal one is generated and"
                + " printed once. The file is created if missing.")
final class AddUser implements Callable<Integer> {

    @ParentCommand
    UsersCommand users;

    @Parameters(index = "0", paramLabel = "NAME", description = "The username.")
    String username;

    @Option(names = "--perm", required = true, paramLabel = "PERM", converter = PermissionConverter.class,
            description = "ADMIN, <namespace>:read, <namespace>:write, *:read or *:write; repeatable."
                    + " Write includes read.")
    List<Permission> permissions;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "The password. Visible to other local users and kept in shell history:"
                    + " prefer the prompt or $MEMCLUSTER_PASSWORD.")
    String password;

    @Override
    public Integer call() throws Exception {
        Usernames.requireValid(username);
        var file = users.loadOrEmpty();
        if (file.users().contains(username)) {
            throw new IllegalStateException("user '" + username + "' already exists in " + file.path()
                    + "; use 'users passwd " + username + "' to change its password");
        }
        User added = file.add(username, users.obtainPassword(username, password), permissions);
        users.out.println("Added user '" + added.username() + "' with " + String.join(" ", added.permissionTexts())
                + " to " + file.path());
        return 0;
    }
}
