package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.bytes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.protocol.StorageVerb;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commands that get no reply would shift every later reply onto the wrong request, so a link
 * refuses them before anything is written.
 */
class NodeLinkRefusalTest {

    @Test
    void commandsWithoutAReplyAreRefusedAndNothingIsSent() {
        List<Command> silent = List.of(
                new Command.Storage(StorageVerb.SET, bytes("k"), 0, 0, bytes("v"), 0, true),
                new Command.Delete(bytes("k"), true),
                new Command.Arithmetic(true, bytes("k"), 1, true),
                new Command.Touch(bytes("k"), 10, true),
                new Command.FlushAll(0, true),
                new Command.Verbosity(1, true),
                new Command.MetaGet(bytes("k"), MetaFlags.of("v", "q")),
                new Command.MetaSet(bytes("k"), bytes("v"), MetaFlags.of("q")),
                new Command.MetaDelete(bytes("k"), MetaFlags.of("q")),
                new Command.MetaArithmetic(bytes("k"), MetaFlags.of("q")),
                new Command.Quit(),
                new Command.Shutdown(false, true),
                Command.Invalid.ERROR,
                new Command.Retrieval(false, false, 0, new byte[0][]));
        try (EmbeddedLink node = new EmbeddedLink()) {
            for (Command command : silent) {
                Recorded callback = new Recorded();
                assertThatThrownBy(() -> node.link.send(command, callback)).as(command.getClass().getSimpleName())
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(callback.done()).isFalse();
            }
            assertThat(node.link.inFlight()).isZero();
            assertThat(node.written()).isEmpty();
        }
    }

    @Test
    void theSameCommandsWithAReplyAreSent() {
        try (EmbeddedLink node = new EmbeddedLink()) {
            node.link.send(new Command.Storage(StorageVerb.SET, bytes("k"), 0, 0, bytes("v"), 0, false), new Recorded());
            node.link.send(new Command.MetaDelete(bytes("k"), MetaFlags.of()), new Recorded());
            node.link.send(new Command.MetaNoop(), new Recorded());
            assertThat(node.written()).isEqualTo("set k 0 0 1\r\nv\r\nmd k\r\nmn\r\n");
            assertThat(node.link.inFlight()).isEqualTo(3);
        }
    }
}
