package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.bytes;
import static io.memcluster.coordinator.link.Commands.get;
import static io.memcluster.coordinator.link.Commands.metadump;
import static io.memcluster.coordinator.link.Commands.mg;
import static io.memcluster.coordinator.link.Commands.ms;
import static io.memcluster.coordinator.link.Commands.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many requests in flight on one link, their replies arriving however TCP or TLS cut them, each
 * matched to its request in order; listings delivered element by element; and one flush for all
 * that was sent in one event-loop turn.
 */
class NodeLinkPipeliningTest {

    private static final int REQUESTS = 300;

    @Test
    void repliesSplitAtAwkwardPlacesReachTheirRequestsInOrder() {
        String replies = replies();
        // whole, then cut at every few bytes (inside "\r\n", inside a value, inside a line)
        for (int step : new int[] {replies.length(), 1, 2, 3, 7, 64, 1000}) {
            try (EmbeddedLink node = new EmbeddedLink()) {
                List<Integer> order = new ArrayList<>();
                List<Recorded> recorded = sendAll(node, order);
                assertThat(node.written()).startsWith("ms k0 3 T0\r\nv-0\r\nmg k1 v\r\nget k2 missing\r\n");
                List<String> reads = new ArrayList<>();
                for (int from = 0; from < replies.length(); from += step) {
                    reads.add(replies.substring(from, Math.min(replies.length(), from + step)));
                }
                node.reply(reads.toArray(new String[0]));

                assertThat(order).as("cut every %d bytes", step).hasSize(REQUESTS).isSorted();
                for (int i = 0; i < REQUESTS; i++) {
                    assertExpected(i, recorded.get(i));
                }
                assertThat(node.link.inFlight()).isZero();
            }
        }
    }

    @Test
    void aClassicGetDeliversItsValuesAndThenItsEnd() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            Recorded listing = new Recorded();
            Recorded after = new Recorded();
            node.link.send(get("a", "b", "c"), listing);
            node.link.send(mg("d"), after);
            node.reply("VALUE a 1 2\r\nxx\r\nVALUE c 0 3\r\nEND\r\nEN", "D\r\nHD\r\n");

            assertThat(listing.elements).hasSize(2);
            Reply.Value c = (Reply.Value) listing.elements.get(1);
            assertThat(new String(c.key(), StandardCharsets.UTF_8)).isEqualTo("c");
            assertThat(new String(c.data(), StandardCharsets.UTF_8)).as("a value that looks like END").isEqualTo("END");
            assertThat(listing.reply).isEqualTo(Reply.End.INSTANCE);
            assertThat(listing.ends).isEqualTo(1);
            assertThat(after.reply).isEqualTo(new Reply.Meta(MetaStatus.HD, List.of(), null));
        }
    }

    @Test
    void statsAndMetadumpListingsEndAtTheirEnd() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            Recorded stats = new Recorded();
            Recorded dump = new Recorded();
            Recorded empty = new Recorded();
            node.link.send(stats(), stats);
            node.link.send(metadump(), dump);
            node.link.send(get("none"), empty);
            node.reply("STAT pid 1\r\nSTAT version 1.6.38 memcluster\r\nEND\r\n"
                    + "key=a exp=-1 la=1 cas=2 fetch=no cls=1 size=60 flags=0\n"
                    + "key=b%20c exp=-1 la=1 cas=3 fetch=no cls=1 size=61 flags=0\nEND\r\n"
                    + "END\r\n");

            assertThat(stats.elements).containsExactly(new Reply.Stat("pid", "1"),
                    new Reply.Stat("version", "1.6.38 memcluster"));
            assertThat(stats.reply).isEqualTo(Reply.End.INSTANCE);
            assertThat(dump.elements).hasSize(2).allMatch(Reply.KeyMetadata.class::isInstance);
            assertThat(dump.reply).isEqualTo(Reply.End.INSTANCE);
            assertThat(empty.elements).isEmpty();
            assertThat(empty.reply).isEqualTo(Reply.End.INSTANCE);
        }
    }

    @Test
    void anErrorEndsAListingEarly() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            Recorded dump = new Recorded();
            Recorded next = new Recorded();
            node.link.send(metadump(), dump);
            node.link.send(mg("k"), next);
            node.reply("key=a exp=-1 la=1 cas=2 fetch=no cls=1 size=60 flags=0\n"
                    + "SERVER_ERROR out of memory\r\nEN\r\n");

            assertThat(dump.elements).hasSize(1);
            assertThat(dump.reply).isInstanceOf(Reply.Error.class);
            assertThat(next.reply).isEqualTo(new Reply.Meta(MetaStatus.EN, List.of(), null));
        }
    }

    @Test
    void everyRequestSentInOneTurnLeavesInOneWriteWithOneFlush() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            for (int i = 0; i < 100; i++) {
                node.link.send(mg("k" + i, "v"), new Recorded());
            }
            assertThat(node.flushes()).as("nothing flushed before the turn ends").isZero();
            assertThat((Object) node.channel.readOutbound()).isNull();

            assertThat(node.writes()).isEqualTo(1);
            assertThat(node.flushes()).isEqualTo(1);
            assertThat(node.link.inFlight()).isEqualTo(100);

            node.link.send(mg("later"), new Recorded());
            assertThat(node.written()).as("the next turn's requests in the next write").isEqualTo("mg later\r\n");
            assertThat(node.flushes()).isEqualTo(2);
        }
    }

    @Test
    void aCallbackThatThrowsDoesNotPutTheLinkOutOfStep() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            Recorded next = new Recorded();
            node.link.send(mg("a"), new ReplyCallback() {
                @Override
                public void completed(Reply reply) {
                    throw new IllegalStateException("a router bug");
                }

                @Override
                public void failed(LinkFailure failure) {
                }
            });
            node.link.send(mg("b"), next);
            node.reply("HD\r\nEN\r\n");

            assertThat(next.reply).isEqualTo(new Reply.Meta(MetaStatus.EN, List.of(), null));
            assertThat(node.link.isActive()).isTrue();
        }
    }

    /** Request i: an ms, an mg with a value, or a classic get of two keys (one value). */
    private static List<Recorded> sendAll(EmbeddedLink node, List<Integer> order) {
        List<Recorded> recorded = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int index = i;
            Recorded callback = new Recorded() {
                @Override
                public void completed(Reply reply) {
                    super.completed(reply);
                    order.add(index);
                }
            };
            recorded.add(callback);
            switch (i % 3) {
                case 0 -> node.link.send(ms("k" + i, bytes("v-" + i), "T0"), callback);
                case 1 -> node.link.send(mg("k" + i, "v"), callback);
                default -> node.link.send(get("k" + i, "missing"), callback);
            }
        }
        return recorded;
    }

    private static String replies() {
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < REQUESTS; i++) {
            switch (i % 3) {
                case 0 -> replies.append("HD\r\n");
                // values with "\r\n" inside, so that a cut there must not end them
                case 1 -> replies.append("VA ").append(value(i).length()).append("\r\n").append(value(i)).append("\r\n");
                default -> replies.append("VALUE k").append(i).append(" 7 ").append(value(i).length()).append("\r\n")
                        .append(value(i)).append("\r\nEND\r\n");
            }
        }
        return replies.toString();
    }

    private static String value(int i) {
        return "value\r\n" + i;
    }

    private static void assertExpected(int i, Recorded recorded) {
        assertThat(recorded.ends).as("request %d", i).isEqualTo(1);
        switch (i % 3) {
            case 0 -> assertThat(recorded.reply).isEqualTo(new Reply.Meta(MetaStatus.HD, List.of(), null));
            case 1 -> {
                Reply.Meta meta = (Reply.Meta) recorded.reply;
                assertThat(meta.status()).isEqualTo(MetaStatus.VA);
                assertThat(new String(meta.data(), StandardCharsets.UTF_8)).isEqualTo(value(i));
            }
            default -> {
                assertThat(recorded.reply).isEqualTo(Reply.End.INSTANCE);
                assertThat(recorded.elements).hasSize(1);
                Reply.Value value = (Reply.Value) recorded.elements.get(0);
                assertThat(value.flags()).isEqualTo(7);
                assertThat(new String(value.data(), StandardCharsets.UTF_8)).isEqualTo(value(i));
            }
        }
    }
}
