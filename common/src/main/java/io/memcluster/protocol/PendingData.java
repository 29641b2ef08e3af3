package io.memcluster.protocol;

/**
 * A storage line whose data block has not arrived yet: everything needed to build the command
 * once {@code length + 2} more bytes are there. {@code metaFlags} is set for ms, null for the
 * classic commands.
 */
record PendingData(StorageVerb verb, byte[] key, int flags, long exptime, long cas, boolean noreply, int length,
        MetaFlags metaFlags) {

    Command complete(byte[] data) {
        if (metaFlags != null) {
            return new Command.MetaSet(key, data, metaFlags);
        }
        return new Command.Storage(verb, key, flags, exptime, data, cas, noreply);
    }
}
