package io.memcluster.protocol;

/**
 * A line whose data block has not arrived yet: everything needed to build the command once
 * {@code length() + 2} more bytes are there.
 */
interface PendingData {

    int length();

    /** Whether a data block without its {@code \r\n} goes unanswered (a classic noreply store). */
    boolean silentOnBadChunk();

    Command complete(byte[] data);

    /** A storage command; {@code metaFlags} is set for ms, null for the classic commands. */
    record Storage(StorageVerb verb, byte[] key, int flags, long exptime, long cas, boolean noreply, int length,
            MetaFlags metaFlags) implements PendingData {

        @Override
        public boolean silentOnBadChunk() {
            // memcached's metaset mode always returns errors; a classic noreply set stays silent
            return metaFlags == null && noreply;
        }

        @Override
        public Command complete(byte[] data) {
            if (metaFlags != null) {
                return new Command.MetaSet(key, data, metaFlags);
            }
            return new Command.Storage(verb, key, flags, exptime, data, cas, noreply);
        }
    }

    /** {@code memcluster users add|passwd}: the block is the password. */
    record Password(Command.UserAdmin line, int length) implements PendingData {

        @Override
        public boolean silentOnBadChunk() {
            return false;
        }

        @Override
        public Command complete(byte[] data) {
            return new Command.UserAdmin(line.action(), line.username(), line.permissions(), data);
        }
    }
}
