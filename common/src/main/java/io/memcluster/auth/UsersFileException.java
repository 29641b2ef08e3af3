package io.memcluster.auth;

import java.nio.file.Path;
import java.util.List;

/**
 * A users.json that cannot be used: unreadable, not JSON, or with invalid entries. The message
 * is one line naming the file and every problem, each with its entry's index and username.
 */
public final class UsersFileException extends Exception {

    private final Path path;
    private final List<String> problems;

    public UsersFileException(Path path, List<String> problems) {
        super(path + ": " + String.join("; ", problems));
        this.path = path;
        this.problems = List.copyOf(problems);
    }

    public Path path() {
        return path;
    }

    /** Each problem on its own, without the file name. */
    public List<String> problems() {
        return problems;
    }
}
