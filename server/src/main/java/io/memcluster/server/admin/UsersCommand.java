package io.memcluster.server.admin;

import io.memcluster.auth.UsersFile;
import io.memcluster.auth.UsersFileException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code bin/memcluster users}: manages {@code data/users.json} and mints tokens. Exit codes: 0
 * done, 1 refused (the user exists, is missing, the file is broken), 2 usage.
 */
@Command(name = "users",
        description = "Manage the users of a node (data/users.json) and mint their tokens.",
        subcommands = {AddUser.class, RemoveUser.class, ChangePassword.class, ListUsers.class,
                MintToken.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (user exists or is missing, file unreadable)", "2:usage error"})
public final class UsersCommand implements Callable<Integer> {

    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final String PASSWORD_ENV = "MEMCLUSTER_PASSWORD";
    static final String TOKEN_SECRET_ENV = "MEMCLUSTER_TOKEN_SECRET";

    /** In the installation folder, where the launcher runs every command. */
    static final Path DEFAULT_FILE = Path.of("data", "users.json");
    /** Where the user ran the launcher (it changes into the installation folder). */
    static final String CALLER_DIR_ENV = "MEMCLUSTER_CALLER_DIR";

    @Option(names = "--file", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "The users file (default: data/users.json in the installation folder).")
    Path file;

    // The folder up, status, down and the coordinator were given: a cluster started with
    // --data-dir DIR reads DIR/users.json, which --file alone made easy to miss.
    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The data folder given to up or the coordinator (--data-dir there): its users.json."
                    + " Instead of --file.")
    Path dataDir;

    @Spec
    CommandSpec spec;

    // Inherited, so every subcommand answers -h with its own usage.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    final Map<String, String> env;
    final PasswordPrompt prompt;
    final PrintWriter out;
    final PrintWriter err;

    UsersCommand(Map<String, String> env, PasswordPrompt prompt, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.prompt = prompt;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Library log lines (INFO "added user ...") would repeat what the command prints; the
        // CLI shows warnings only, on stderr. Set before any logger exists.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/memcluster/server/admin/users-logback.xml");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, System.getenv(), PasswordPrompt.ofConsole(), out, err));
    }

    /** Runs the command line and returns its exit code; for main and for tests. */
    static int run(String[] args, Map<String, String> env, PasswordPrompt prompt, PrintWriter out,
            PrintWriter err) {
        CommandLine commandLine = new CommandLine(new UsersCommand(env, prompt, out, err));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("memcluster users: " + describe(e));
            return e instanceof IllegalArgumentException ? USAGE : REFUSED;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        err.println("memcluster users: a subcommand is required (add, remove, passwd, list, token)");
        spec.commandLine().usage(err);
        return USAGE;
    }

    UsersFile load() throws UsersFileException {
        return UsersFile.load(usersFile());
    }

    UsersFile loadOrEmpty() throws UsersFileException {
        return UsersFile.loadOrEmpty(usersFile());
    }

    /** A path the user gave is relative to where they ran the launcher, as for up's --data-dir. */
    Path usersFile() {
        if (file != null && dataDir != null) {
            throw new IllegalArgumentException("--file and --data-dir both name the users file; give one of them");
        }
        if (file == null && dataDir == null) {
            return DEFAULT_FILE;
        }
        String caller = env.get(CALLER_DIR_ENV);
        Path base = Path.of(caller != null && !caller.isBlank() ? caller : "").toAbsolutePath();
        return file != null ? base.resolve(file) : base.resolve(dataDir).resolve("users.json");
    }

    /**
     * The password from the {@code --password} option, else {@value #PASSWORD_ENV}, else typed
     * twice at the terminal; without any of these, a generated one that is printed once.
     */
    String obtainPassword(String username, String option) {
        if (option != null) {
            return requireNonEmpty(option, "--password");
        }
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv != null) {
            return requireNonEmpty(fromEnv, PASSWORD_ENV);
        }
        if (prompt == null) {
            String generated = UsersFile.generatePassword();
            out.println("Generated password for '" + username + "' (shown only now): " + generated);
            return generated;
        }
        char[] first = prompt.read("Password for '" + username + "': ");
        char[] second = first == null ? null : prompt.read("Again: ");
        try {
            if (first == null || second == null) {
                throw new IllegalStateException("no password typed");
            }
            if (!Arrays.equals(first, second)) {
                throw new IllegalStateException("the two passwords differ; nothing changed");
            }
            return requireNonEmpty(new String(first), "the typed password");
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    // A FileSystemException's message is often the path alone; say what went wrong with it.
    private static String describe(Exception e) {
        if (e instanceof FileSystemException fs) {
            return "cannot use " + fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : reason(fs));
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        return e.getClass().getSimpleName();
    }

    private static String requireNonEmpty(String password, String source) {
        if (password.isEmpty()) {
            throw new IllegalStateException(source + " is empty; a password must not be");
        }
        return password;
    }
}
