package io.memcluster.client;

import io.memcluster.auth.Namespaces;
import io.memcluster.client.connection.ConnectionException;
import io.memcluster.client.connection.Connector;
import io.memcluster.client.connection.Credentials;
import io.memcluster.client.connection.ServerAddress;
import io.memcluster.client.session.ExitCodes;
import io.memcluster.client.session.JsonPrinter;
import io.memcluster.client.session.Printer;
import io.memcluster.client.session.Session;
import io.memcluster.client.session.StatementRunner;
import io.memcluster.client.session.TextPrinter;
import io.memcluster.client.shell.ScriptRunner;
import io.memcluster.client.shell.Shell;
import io.memcluster.client.statement.Statement;
import io.memcluster.client.statement.StatementParser;
import io.memcluster.client.statement.UsageException;
import io.memcluster.client.statement.Word;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/memcluster cli}: the command-line client. With a command after the options it
 * runs that one command and exits; without one it is an interactive shell on a terminal, or
 * reads commands from standard input when that is a pipe or a file.
 */
@Command(name = "memcluster cli", mixinStandardHelpOptions = true, version = "memcluster cli 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Connects to a memcluster node (or coordinator, or memcached) and runs commands:",
                "one given after the options, those piped in, or those typed in the shell.",
                "Options come before the command. HELP (as a command) lists the commands."},
        footer = {"",
                "Exit codes: 0 done; 1 not found, not stored or refused by the server;",
                "2 usage error; 3 connection, TLS, login or permission error.",
                "Several commands (piped in) exit with the highest code.",
                "",
                "Environment: MEMCLUSTER_HOST, MEMCLUSTER_PORT, MEMCLUSTER_USER,",
                "MEMCLUSTER_PASSWORD, MEMCLUSTER_CA, MEMCLUSTER_PLAIN=1, MEMCLUSTER_HISTORY",
                "(default ~/.memcluster_history). Other defaults come from",
                "config/config.yaml (coordinator.bind, coordinator.port, data_dir).",
                "USER ADD and USER PASSWD ask for the new password twice on a terminal; without one",
                "they take MEMCLUSTER_NEW_PASSWORD, else generate one and show it once."})
public final class CliCommand implements Callable<Integer> {

    @Option(names = {"-H", "--host"}, paramLabel = "HOST",
            description = "Server host (default: MEMCLUSTER_HOST, else coordinator.bind from config.yaml, else 127.0.0.1).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "N",
            description = "Server port (default: MEMCLUSTER_PORT, else coordinator.port from config.yaml, else 11211;"
                    + " a standalone node: its node.port, e.g. 12001).")
    String port;

    @Option(names = {"-u", "--username"}, paramLabel = "USER",
            description = "Log in as this user (default: MEMCLUSTER_USER; none: no login).")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "The password (visible to other users in the process list: prefer MEMCLUSTER_PASSWORD,"
                    + " or the prompt, which never echoes it).")
    String password;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "CA certificate the server's certificate must be signed by"
                    + " (default: MEMCLUSTER_CA, else <data_dir>/certs/ca.crt).")
    String ca;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate, for servers that require one.")
    String cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key of --cert.")
    String key;

    @Option(names = "--plain", description = "Plaintext instead of TLS (a node's plain port on this machine).")
    boolean plain;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace to start in (as USE NS).")
    String namespace;

    @Option(names = "--json", description = "Print one JSON object per command, for scripts.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE", description = "Node configuration to take defaults from"
            + " (default: config/config.yaml when it exists).")
    String config;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Seconds to wait for a reply (default: 30).")
    Integer timeout;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "A command to run, e.g. get cart.42 or put k \"a value\" TTL 60.")
    List<String> command = new ArrayList<>();

    private final CliEnvironment environment;

    CliCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        useCliLogging();
        System.exit(run(args, CliEnvironment.system()));
    }

    /**
     * Before any logger exists: warnings to stderr, and none of Netty's DEBUG lines on stdout. For
     * every program of this module that talks to a server.
     */
    static void useCliLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/memcluster/client/cli-logback.xml");
        }
    }

    /** A picocli command line for {@code command} that prints to the environment's streams, UTF-8. */
    static CommandLine commandLine(Object command, CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(environment.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(environment.err(), StandardCharsets.UTF_8), true));
        return commandLine;
    }

    /** Runs the CLI and returns its exit code: the whole program, for tests too. */
    public static int run(String[] args, CliEnvironment environment) {
        CommandLine commandLine = commandLine(new CliCommand(environment), environment);
        commandLine.setStopAtPositional(true); // "put k -5": everything after the command is the command's
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("memcluster cli: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (environment.env().containsKey("MEMCLUSTER_DEBUG")) {
                e.printStackTrace(cl.getErr());
            }
            return e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.NOT_DONE;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(environment.err(), StandardCharsets.UTF_8), true);
        boolean oneShot = !command.isEmpty();
        boolean interactive = !oneShot && environment.terminals() != null;
        ClientDefaults defaults;
        ServerAddress address;
        String startNamespace;
        try {
            defaults = ClientDefaults.resolve(config == null ? null : environment.userPath(config), environment,
                    err::println);
            address = address(defaults);
            startNamespace = namespace == null ? Namespaces.DEFAULT : StatementParser.namespace(namespace);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("memcluster cli: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String user = username != null ? username : defaults.username();

        Terminal terminal = interactive ? environment.terminals().open() : null;
        try {
            Printer printer = printer(terminal, interactive);
            Credentials credentials;
            try {
                credentials = user == null ? null : new Credentials(user,
                        new PasswordSources(environment, password, terminal).forUser(user, address.hostAndPort()));
            } catch (IllegalArgumentException e) {
                err.println("memcluster cli: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Connector connector = new Connector(address, cert == null ? null : environment.userPath(cert),
                    key == null ? null : environment.userPath(key), credentials);
            try (Session session = new Session(connector, startNamespace, printer::notice)) {
                NewPasswordSources newPasswords = new NewPasswordSources(environment, terminal);
                if (oneShot) {
                    return oneShot(new StatementRunner(session, printer, StatementRunner.Confirmation.ALWAYS,
                            newPasswords));
                }
                if (!interactive) {
                    return new ScriptRunner(new StatementRunner(session, printer, StatementRunner.Confirmation.ALWAYS,
                            newPasswords)).run(new InputStreamReader(environment.in(), StandardCharsets.UTF_8));
                }
                return shell(terminal, session, printer, defaults.historyFile(), newPasswords);
            }
        } finally {
            if (terminal != null) {
                terminal.close();
            }
        }
    }

    private int oneShot(StatementRunner runner) {
        List<Word> words = command.stream().map(Word::of).toList();
        Statement statement;
        try {
            statement = StatementParser.parse(words);
        } catch (UsageException e) {
            return runner.usageError(e);
        }
        return runner.run(statement);
    }

    private int shell(Terminal terminal, Session session, Printer printer, Path historyFile,
            NewPasswordSources newPasswords) {
        // Connect first: a wrong address or password ends the shell before its first prompt.
        StatementRunner starter = new StatementRunner(session, printer, StatementRunner.Confirmation.ALWAYS);
        try {
            session.connect();
        } catch (ConnectionException e) {
            return starter.connectionFailure(e);
        }
        Shell shell = new Shell(terminal, historyFile);
        return shell.run(s -> new StatementRunner(session, printer, s.confirmation(), newPasswords));
    }

    private ServerAddress address(ClientDefaults defaults) {
        String h = host != null ? host : defaults.host();
        int p = port != null ? ClientDefaults.port(port, "--port") : defaults.port();
        Path caFile = ca != null ? environment.userPath(ca) : defaults.caFile();
        boolean plaintext = plain || defaults.plain();
        if ((cert == null) != (key == null)) {
            throw new UsageException("--cert and --key go together");
        }
        Duration replyTimeout = ServerAddress.DEFAULT_REPLY_TIMEOUT;
        if (timeout != null) {
            if (timeout < 1) {
                throw new UsageException("--timeout " + timeout + " is too short (expected at least 1 second)");
            }
            replyTimeout = Duration.ofSeconds(timeout);
        }
        return new ServerAddress(h, p, plaintext ? null : caFile, replyTimeout);
    }

    private Printer printer(Terminal terminal, boolean interactive) {
        PrintWriter out;
        PrintWriter err;
        if (terminal != null) {
            out = terminal.writer();
            err = terminal.writer();
        } else {
            out = new PrintWriter(new OutputStreamWriter(environment.out(), StandardCharsets.UTF_8), true);
            err = new PrintWriter(new OutputStreamWriter(environment.err(), StandardCharsets.UTF_8), true);
        }
        return json ? new JsonPrinter(out, err) : new TextPrinter(out, err, interactive);
    }
}
