package io.memcluster.server.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "passwd",
        description = "Set a new password for a user, obtained as for 'add'.")
final class ChangePassword implements Callable<Integer> {

    @ParentCommand
    UsersCommand users;

    @Parameters(index = "0", paramLabel = "NAME", description = "The username.")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "The new password. Visible to other local users: prefer the prompt.")
    String password;

    @Override
    public Integer call() throws Exception {
        var file = users.load();
        if (!file.users().contains(username)) {
            throw new IllegalStateException("no user '" + username + "' in " + file.path());
        }
        file.passwd(username, users.obtainPassword(username, password));
        users.out.println("Changed the password of '" + username + "' in " + file.path());
        return 0;
    }
}
