package io.memcluster.server.command;

import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.stats.ConnectionStats;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.stats.StatsReport;
import io.netty.buffer.ByteBuf;

/** {@code stats [group]}: picks the report group, as memcached's process_stat does. */
final class StatsCommand {

    private StatsCommand() {
    }

    /** @param access namespaces the client may not read are left out of {@code stats namespaces} */
    static void run(NodeContext node, String[] args, NamespaceAccess access, ByteBuf out) {
        StatsReport report = node.report();
        String group = args.length == 0 ? "" : args[0];
        switch (group) {
            case "" -> report.general(out);
            case "settings" -> report.settings(out);
            case "items" -> report.items(out);
            case "slabs" -> report.slabs(out);
            case "sizes" -> report.sizes(out);
            case "conns" -> ConnectionStats.conns(out, node.connections().snapshot());
            case "namespaces" -> report.namespaces(out, access::mayRead);
            case "snapshots" -> {
                node.snapshots().stats((name, value) -> ReplyEncoder.stat(out, name, value), access::mayRead);
                ReplyEncoder.end(out);
            }
            case "reset" -> {
                node.stats().reset();
                node.frontendStats().reset();
                node.store().resetCounters();
                out.writeBytes(ReplyEncoder.RESET);
            }
            case "detail" -> ReplyEncoder.line(out, "CLIENT_ERROR usage: stats detail on|off|dump");
            default -> ReplyEncoder.line(out, "ERROR");
        }
    }
}
