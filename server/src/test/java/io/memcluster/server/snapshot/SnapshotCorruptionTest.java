package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.server.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A damaged file costs its own namespace and nothing else: it is moved to {@code rejected/} with
 * its reason in the log and in {@code stats snapshots}, none of its items stays in the store,
 * the other namespaces load, and the node serves.
 */
class SnapshotCorruptionTest {

    private static final int ITEMS = 50;

    @TempDir
    Path dir;

    private SnapshotFixture node;

    /** cart (the one to damage) and orders, 50 items each, written by a first node. */
    @BeforeEach
    void writeTwoNamespaces() {
        node = new SnapshotFixture(dir).start();
        for (int i = 0; i < ITEMS; i++) {
            // large enough for the file to hold several chunks: the damaged one is not the only one loaded
            assertThat(node.set("cart." + i, "c".repeat(2000) + i)).isEqualTo("STORED\r\n");
            assertThat(node.set("orders." + i, "o" + i)).isEqualTo("STORED\r\n");
        }
        node.stop();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    enum Damage {
        TRUNCATED("cart.snap", "truncated: %d of %d bytes") {
            @Override
            void apply(Path file) throws IOException {
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            }
        },
        SHORTER_THAN_A_HEADER("cart.snap", "truncated: 30 bytes, shorter than a header") {
            @Override
            void apply(Path file) throws IOException {
                Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 30));
            }
        },
        HEADER_BYTE_FLIPPED("cart.snap", "damaged header (checksum mismatch)") {
            @Override
            void apply(Path file) throws IOException {
                flip(file, 20);
            }
        },
        // the records still parse: only a checksum tells, after the items before it went in
        LAST_CONTENT_BYTE_FLIPPED("cart.snap", "damaged content (a chunk's checksum does not match)") {
            @Override
            void apply(Path file) throws IOException {
                // the last value's last digit: the last byte that is not padding
                byte[] bytes = Files.readAllBytes(file);
                int last = bytes.length - 1;
                while (bytes[last] == 0) {
                    last--;
                }
                flip(file, last);
            }
        },
        FUTURE_FORMAT_VERSION("cart.snap", "format version 2 is newer than the version this node reads (1)") {
            @Override
            void apply(Path file) throws IOException {
                byte[] bytes = Files.readAllBytes(file);
                ByteBuffer.wrap(bytes).putShort(8, (short) 2);
                Files.write(file, bytes);
            }
        },
        ANOTHER_NAMESPACES_FILE("basket.snap", "holds another namespace than its name says") {
            @Override
            void apply(Path file) throws IOException {
                Files.move(file, file.resolveSibling("basket.snap"));
            }
        },
        GARBAGE("cart.snap", "not a memcluster snapshot (no MCSNAP header)") {
            @Override
            void apply(Path file) throws IOException {
                byte[] garbage = new byte[4096];
                new Random(1).nextBytes(garbage);
                Files.write(file, garbage);
            }
        },
        NAMED_FOR_NO_NAMESPACE("cart-old.snap", "the file name names no namespace (expected <namespace>.snap)") {
            @Override
            void apply(Path file) throws IOException {
                Files.move(file, file.resolveSibling("cart-old.snap"));
            }
        };

        final String file;
        final String reason;

        Damage(String file, String reason) {
            this.file = file;
            this.reason = reason;
        }

        abstract void apply(Path file) throws IOException;

        private static void flip(Path file, int at) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            bytes[at] ^= 0x01;
            Files.write(file, bytes);
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedFileIsMovedAsideWithItsReasonAndNoneOfItsItemsLoad(Damage damage) throws IOException {
        Path cart = node.file("cart");
        long size = Files.size(cart);
        damage.apply(cart);
        String reason = damage == Damage.TRUNCATED ? String.format(damage.reason, size / 2, size) : damage.reason;

        try (LogCapture log = new LogCapture()) {
            node.start();

            Map<String, String> stats = node.snapshotStats();
            assertThat(stats).containsEntry("rejected_files", "1")
                    .containsEntry("rejected_1", damage.file + ": " + reason)
                    .containsEntry("loaded_namespaces", "1").containsEntry("loaded_items", "" + ITEMS);
            assertThat(log.lines()).filteredOn(l -> l.contains(" rejected: ")).singleElement().asString()
                    .startsWith("WARN io.memcluster.server.snapshot.SnapshotLoader snapshot file "
                            + dir.resolve(damage.file) + " rejected: " + reason + "; moved to "
                            + dir.resolve("rejected").resolve(damage.file + "."));
        }
        assertThat(node.rejected()).singleElement().asString().startsWith(damage.file + ".");
        assertThat(dir.resolve(damage.file)).doesNotExist();
        for (int i = 0; i < ITEMS; i++) {
            assertThat(node.call("get cart." + i + "\r\n", "END")).as("cart.%d", i).isEqualTo("END\r\n");
            assertThat(node.call("get orders." + i + "\r\n", "END")).as("orders.%d", i)
                    .isEqualTo("VALUE orders." + i + " 0 " + ("o" + i).length() + "\r\no" + i + "\r\nEND\r\n");
        }
        assertThat(node.call("stats namespaces\r\n", "END")).doesNotContain("STAT cart:");
        assertThat(node.set("cart.new", "fresh")).isEqualTo("STORED\r\n");
        assertThat(node.call("get cart.new\r\n", "END")).isEqualTo("VALUE cart.new 0 5\r\nfresh\r\nEND\r\n");
    }

    @Test
    void aTempFileLeftByASnapshotThatDidNotFinishIsDeletedAndThePreviousFileLoads() throws IOException {
        Path temp = dir.resolve("cart.snap.tmp");
        Files.write(temp, new byte[1000]);

        node.start();

        assertThat(temp).doesNotExist();
        assertThat(node.snapshotStats()).containsEntry("loaded_items", "" + 2 * ITEMS)
                .containsEntry("rejected_files", "0");
        assertThat(node.call("get cart.7\r\n", "END")).isEqualTo("VALUE cart.7 0 2001\r\n" + "c".repeat(2000) + "7\r\nEND\r\n");
    }

    @Test
    void aLeftoverTempThatCannotBeDeletedCostsNoOtherFile() throws IOException {
        // a folder in the temp file's place: it cannot be deleted as a file, even by root
        Files.createDirectories(dir.resolve("cart.snap.tmp").resolve("inside"));

        node.start();

        assertThat(node.snapshotStats()).containsEntry("loaded_items", "" + 2 * ITEMS)
                .containsEntry("rejected_files", "0");
        assertThat(node.call("get orders.7\r\n", "END")).isEqualTo("VALUE orders.7 0 2\r\no7\r\nEND\r\n");
    }
}
