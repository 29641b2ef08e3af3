package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.bytes;
import static io.memcluster.coordinator.link.Commands.get;
import static io.memcluster.coordinator.link.Commands.mg;
import static io.memcluster.coordinator.link.Commands.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.link.LinkFailure.Kind;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a link gives up: a request past its deadline, a node closing mid-reply, a reply that is
 * not the protocol. Each fails every request in flight, with one kind, once, and closes the
 * connection, since a later reply could no longer be matched to its request.
 */
class NodeLinkFailureTest {

    private static final Duration TIMEOUT = LinkSettings.defaults().requestTimeout();

    @Test
    void theOldestRequestPastItsDeadlineFailsEveryoneInFlightWithTimeout() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            List<Recorded> recorded = send(node, 3);
            node.ticker.advance(TIMEOUT.minusMillis(1));
            node.link.checkDeadlines();
            assertThat(recorded).noneMatch(Recorded::done);
            assertThat(node.channel.isOpen()).isTrue();

            node.ticker.advance(Duration.ofMillis(1));
            node.link.checkDeadlines();

            assertThat(recorded).extracting(Recorded::failedWith).containsOnly(Kind.TIMEOUT);
            assertThat(recorded).allMatch(r -> r.ends == 1);
            assertThat(recorded.get(0).failure.getMessage())
                    .isEqualTo("node-1 127.0.0.1:12001: timeout: no reply within 1000 ms");
            assertThat(node.channel.isOpen()).as("a late reply could not be matched").isFalse();
            assertThat(node.link.isActive()).isFalse();
            assertThat(node.events).containsExactly("TIMEOUT x3", "disconnected");
        }
    }

    @Test
    void aRequestAnsweredInTimeIsNotTheOneWhoseDeadlineCounts() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            Recorded first = new Recorded();
            node.link.send(mg("a"), first);
            node.ticker.advance(TIMEOUT.dividedBy(2));
            Recorded second = new Recorded();
            node.link.send(mg("b"), second);
            node.reply("EN\r\n");

            node.ticker.advance(TIMEOUT.dividedBy(2));
            node.link.checkDeadlines();
            assertThat(second.done()).as("half its time left").isFalse();

            node.ticker.advance(TIMEOUT.dividedBy(2));
            node.link.checkDeadlines();
            assertThat(second.failedWith()).isEqualTo(Kind.TIMEOUT);
            assertThat(first.reply).isInstanceOf(Reply.Meta.class);
        }
    }

    @Test
    void aListingThatKeepsComingIsNotTimedOut() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            Recorded listing = new Recorded();
            node.link.send(get("a", "b"), listing);
            node.ticker.advance(TIMEOUT.minusMillis(100));
            node.reply("VALUE a 0 1\r\nx\r\n");
            node.ticker.advance(TIMEOUT.minusMillis(100));
            node.link.checkDeadlines();
            assertThat(listing.done()).as("an element arrived within the timeout").isFalse();

            node.ticker.advance(Duration.ofMillis(100));
            node.link.checkDeadlines();
            assertThat(listing.elements).hasSize(1);
            assertThat(listing.failedWith()).isEqualTo(Kind.TIMEOUT);
        }
    }

    @Test
    void aNodeClosingInTheMiddleOfAValueFailsEverythingInFlightWithConnectionLost() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            List<Recorded> recorded = send(node, 3);
            node.written();
            node.reply("HD\r\nVA 10 s10\r\nhello");
            node.channel.close();

            assertThat(recorded.get(0).reply).isEqualTo(new Reply.Meta(MetaStatus.HD, List.of(), null));
            assertThat(recorded.subList(1, 3)).extracting(Recorded::failedWith).containsOnly(Kind.CONNECTION_LOST);
            assertThat(recorded).allMatch(r -> r.ends == 1);
            assertThat(node.events).containsExactly("replied", "CONNECTION_LOST x2", "disconnected");

            Recorded later = new Recorded();
            node.link.send(mg("k"), later);
            assertThat(later.failedWith()).as("fails at once").isEqualTo(Kind.NOT_CONNECTED);
        }
    }

    @Test
    void aMalformedReplyFailsEverythingInFlightWithProtocolAndClosesWithoutQuotingIt() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            List<Recorded> recorded = send(node, 2);
            node.reply("VALUE secret-key 0 notanumber\r\n");

            assertThat(recorded).extracting(Recorded::failedWith).containsOnly(Kind.PROTOCOL);
            assertThat(recorded.get(0).failure.getMessage()).doesNotContain("secret-key");
            assertThat(node.channel.isOpen()).isFalse();
            assertThat(node.events).containsExactly("PROTOCOL x2", "disconnected");
        }
    }

    @Test
    void aValueBlockWithoutItsLineEndIsAProtocolFailure() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            List<Recorded> recorded = send(node, 2);
            node.reply("VA 2\r\nabcd\r\n");

            assertThat(recorded).extracting(Recorded::failedWith).containsOnly(Kind.PROTOCOL);
            assertThat(node.channel.isOpen()).isFalse();
        }
    }

    @Test
    void aReplyNobodyAskedForIsAProtocolFailure() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            node.reply("HD\r\n");
            assertThat(node.channel.isOpen()).isFalse();
            assertThat(node.events).containsExactly("disconnected");
        }
    }

    @Test
    void beyondMaxInFlightASendFailsAtOnceWithQueueFull() {
        try (EmbeddedLink node = new EmbeddedLink(LinkSettings.defaults().withMaxInFlight(4))) {
            List<Recorded> recorded = send(node, 4);
            Recorded fifth = new Recorded();
            node.link.send(mg("k"), fifth);
            assertThat(fifth.failedWith()).isEqualTo(Kind.QUEUE_FULL);

            assertThat(node.written()).as("the refused request is not sent").doesNotContain("mg k\r\n");
            node.reply("HD\r\nHD\r\nHD\r\nHD\r\n");
            assertThat(recorded).allMatch(r -> r.reply != null);
            Recorded again = new Recorded();
            node.link.send(mg("k"), again);
            node.reply("EN\r\n");
            assertThat(again.reply).as("room again once replies came").isNotNull();
        }
    }

    @Test
    void closingTheLinkFailsWhatIsInFlightAndEverySendAfter() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            List<Recorded> recorded = send(node, 2);
            node.link.close();

            assertThat(recorded).extracting(Recorded::failedWith).containsOnly(Kind.CONNECTION_LOST);
            assertThat(node.events).as("the coordinator's own doing is not the node's failure").isEmpty();
            Recorded later = new Recorded();
            node.link.send(mg("k"), later);
            assertThat(later.failure.getMessage()).endsWith("not connected: the link is closed");
        }
    }

    private static List<Recorded> send(EmbeddedLink node, int count) {
        List<Recorded> recorded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Recorded callback = new Recorded();
            recorded.add(callback);
            node.link.send(i % 2 == 0 ? ms("k" + i, bytes("v")) : mg("k" + i, "v"), callback);
        }
        return recorded;
    }
}
