package io.memcluster.certs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Writes PEM files so that a private key is never readable by anyone but its owner, not even
 * for a moment, and a file is either wholly there or not at all: each file is created under a
 * temporary name with its final permissions, filled, synced and then renamed into place.
 */
final class PemFileWriter {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE_FOLDER =
            PosixFilePermissions.fromString("rwx------");

    private PemFileWriter() {
    }

    /** Creates the folder, and makes a new one private: it will hold private keys. */
    static void createFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createDirectory(dir, attributes(dir, PRIVATE_FOLDER));
    }

    /**
     * Fails on the first of {@code targets} that exists, before anything is written, so a
     * refused run leaves a folder exactly as it was.
     */
    static void refuseExisting(List<Path> targets) throws FileAlreadyExistsException {
        for (Path target : targets) {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "refusing to overwrite it");
            }
        }
    }

    /**
     * Writes one file, replacing an existing one only if {@code replace} is set.
     *
     * @param secret whether the file holds a private key (mode 0600, else 0644)
     * @throws FileAlreadyExistsException if the file exists and {@code replace} is not set
     */
    static void write(Path target, String pem, boolean secret, boolean replace) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                attributes(dir, secret ? OWNER_ONLY : WORLD_READABLE));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(pem.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (replace) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                // Without REPLACE_EXISTING this throws FileAlreadyExistsException instead.
                Files.move(temp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, "refusing to overwrite it");
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes renames into {@code dir} survive a power cut. */
    static void syncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open a folder for syncing; the files themselves are synced.
        }
    }

    private static FileAttribute<?>[] attributes(Path where, Set<PosixFilePermission> permissions) {
        // Only POSIX file systems know these modes; elsewhere the folder's own access rules apply.
        boolean posix = where.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
