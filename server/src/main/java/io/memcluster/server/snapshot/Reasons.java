package io.memcluster.server.snapshot;

/** An exception as one line for a log or a stats value: its message, or its kind when it has none. */
final class Reasons {

    private Reasons() {
    }

    static String of(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e instanceof java.nio.file.FileSystemException ? message : e.getClass().getSimpleName() + ": " + message;
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
