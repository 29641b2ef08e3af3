package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() throws IOException {
        PidFile file = new PidFile(dir.resolve("nodes/node-1/node.pid"));
        file.write(4242);
        assertThat(file.read()).hasValue(4242);
        assertThat(Files.readString(file.path())).isEqualTo("4242\n");
    }

    @Test
    void aMissingFileNamesNoProcess() throws IOException {
        PidFile file = new PidFile(dir.resolve("node.pid"));
        assertThat(file.exists()).isFalse();
        assertThat(file.read()).isEmpty();
        assertThat(file.liveProcess()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "42a\n", "-5\n", "0\n", "99999999999999999999\n", "12 13\n"})
    void aFileWithoutAPidNamesNoProcess(String content) throws IOException {
        PidFile file = new PidFile(Files.writeString(dir.resolve("node.pid"), content));
        assertThat(file.read()).isEmpty();
        assertThat(file.exists()).isTrue();
    }

    @Test
    void aRewriteReplacesThePidAndLeavesNoTemporaryFiles() throws IOException {
        PidFile file = new PidFile(dir.resolve("coordinator.pid"));
        file.write(1);
        file.write(2);
        assertThat(file.read()).isEqualTo(OptionalLong.of(2));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file.path());
        }
    }

    @Test
    void aLivePidIsAProcessAndAnExitedOneIsStale() throws Exception {
        PidFile file = new PidFile(dir.resolve("node.pid"));
        file.write(ProcessHandle.current().pid());
        assertThat(file.liveProcess()).contains(ProcessHandle.current());

        Process exited = new ProcessBuilder("true").start();
        exited.onExit().get();
        file.write(exited.pid());
        assertThat(file.liveProcess()).isEmpty();
        assertThat(file.exists()).isTrue();
    }

    @Test
    void deleteRemovesTheFileAndToleratesItsAbsence() throws IOException {
        PidFile file = new PidFile(dir.resolve("node.pid"));
        file.write(7);
        file.delete();
        file.delete();
        assertThat(file.exists()).isFalse();
    }
}
