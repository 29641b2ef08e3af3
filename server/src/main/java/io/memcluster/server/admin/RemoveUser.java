package io.memcluster.server.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "remove",
        description = "Remove a user; its tokens stop working at once on nodes that reload the file.")
final class RemoveUser implements Callable<Integer> {

    @ParentCommand
    UsersCommand users;

    @Parameters(index = "0", paramLabel = "NAME", description = "The username.")
    String username;

    @Override
    public Integer call() throws Exception {
        var file = users.load();
        file.remove(username);
        users.out.println("Removed user '" + username + "' from " + file.path());
        return 0;
    }
}
