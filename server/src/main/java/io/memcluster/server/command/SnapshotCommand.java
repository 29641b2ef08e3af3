package io.memcluster.server.command;

import io.memcluster.frontend.request.ClientConnection;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.snapshot.SnapshotReport;
import io.netty.buffer.ByteBuf;

/**
 * {@code memcluster snapshot [namespace]}: writes the snapshot now, on the snapshot thread, and
 * answers once it is on disk, as a stats listing: per namespace {@code <ns>:status}
 * ({@code written}, {@code removed} or {@code failed}), {@code <ns>:items}, {@code <ns>:bytes} and
 * {@code <ns>:error} when it failed; then the totals and {@code result ok} or {@code failed}.
 */
final class SnapshotCommand {

    private SnapshotCommand() {
    }

    static void run(NodeContext node, Command.Snapshot c, ReplySlot slot, ClientConnection connection) {
        node.snapshots().snapshotNow(c.namespace()).whenComplete((report, error) ->
                connection.channel().eventLoop().execute(() -> {
                    if (error != null) {
                        ReplyEncoder.line(slot.out(), "SERVER_ERROR snapshot failed: " + oneLine(error));
                    } else {
                        write(report, slot.out());
                    }
                    slot.complete();
                }));
    }

    static void write(SnapshotReport report, ByteBuf out) {
        for (SnapshotReport.NamespaceResult ns : report.namespaces()) {
            // a folder-wide failure has no namespace: a name with '_', which no namespace can have
            String name = ns.namespace().isEmpty() ? "snapshot_dir" : ns.namespace();
            ReplyEncoder.stat(out, name + ":status", ns.status().name().toLowerCase(java.util.Locale.ROOT));
            ReplyEncoder.stat(out, name + ":items", ns.items());
            ReplyEncoder.stat(out, name + ":bytes", ns.bytes());
            if (ns.error() != null) {
                ReplyEncoder.stat(out, name + ":error", ns.error());
            }
        }
        ReplyEncoder.stat(out, "namespaces", report.namespaces().size());
        ReplyEncoder.stat(out, "items", report.items());
        ReplyEncoder.stat(out, "bytes", report.bytes());
        ReplyEncoder.stat(out, "duration_ms", report.millis());
        if (report.error() != null) {
            ReplyEncoder.stat(out, "error", report.error());
        }
        ReplyEncoder.stat(out, "result", report.failed() ? "failed" : "ok");
        ReplyEncoder.end(out);
    }

    private static String oneLine(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replace('\r', ' ').replace('\n', ' ');
    }
}
