package io.memcluster.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStampsTest {

    @TempDir
    Path dir;

    @Test
    void nothingChangedNothingReported() throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), "[]");
        FileStamps stamps = new FileStamps(List.of(file));

        assertThat(stamps.changed()).isFalse();
    }

    @Test
    void anEditIsReportedOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), "[]");
        FileStamps stamps = new FileStamps(List.of(file));

        Files.writeString(file, "[ ]\n");

        assertThat(stamps.changed()).isTrue();
        assertThat(stamps.changed()).as("the same change again").isFalse();
    }

    @Test
    void aReplacementByRenameIsAChangeEvenWithTheSameTimeAndSize() throws Exception {
        Path file = Files.writeString(dir.resolve("server.crt"), "AAAA");
        FileTime time = Files.getLastModifiedTime(file);
        FileStamps stamps = new FileStamps(List.of(file));

        Path next = Files.writeString(dir.resolve("server.crt.tmp"), "BBBB");
        Files.setLastModifiedTime(next, time);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(stamps.changed()).isTrue();
    }

    @Test
    void aFileThatAppearsOrDisappearsIsAChange() throws Exception {
        Path file = dir.resolve("ca.crt");
        FileStamps stamps = new FileStamps(List.of(file));

        Files.writeString(file, "x");
        assertThat(stamps.changed()).isTrue();
        Files.delete(file);
        assertThat(stamps.changed()).isTrue();
    }
}
