package io.memcluster.coordinator.lifecycle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code D/lifecycle.lock}, held while processes are checked and started: two starters at once
 * ({@code up} twice, or {@code up} and a coordinator starting its nodes) would otherwise both see
 * a node missing and both start it. The operating system drops the lock with its holder, so a
 * crashed starter never leaves it taken. File locks are per process, so threads of one process
 * also take a lock of their own first.
 */
final class LifecycleLock implements AutoCloseable {

    private static final ReentrantLock IN_THIS_PROCESS = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private LifecycleLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock: its holders check and start processes within bounded waits. */
    static LifecycleLock acquire(DataLayout layout) throws LifecycleException {
        IN_THIS_PROCESS.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(layout.dir());
            channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new LifecycleLock(channel, channel.lock());
        } catch (IOException e) {
            closeQuietly(channel);
            IN_THIS_PROCESS.unlock();
            throw new LifecycleException("cannot lock " + layout.lockFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        } finally {
            closeQuietly(channel);
            IN_THIS_PROCESS.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel, and the channel with the process
            }
        }
    }
}
