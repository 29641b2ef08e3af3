package io.memcluster.server.admin;

import io.memcluster.auth.User;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "list",
        description = "List users and their permissions, one per line (never passwords or hashes).")
final class ListUsers implements Callable<Integer> {

    @ParentCommand
    UsersCommand users;

    @Override
    public Integer call() throws Exception {
        List<User> all = users.load().list();
        int width = all.stream().mapToInt(u -> u.username().length()).max().orElse(0);
        for (User user : all) {
            String perms = user.permissions().isEmpty() ? "(none)" : String.join(" ", user.permissionTexts());
            users.out.println(String.format("%-" + Math.max(width, 1) + "s  %s", user.username(), perms));
        }
        return 0;
    }
}
